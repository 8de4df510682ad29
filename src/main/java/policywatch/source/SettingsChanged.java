package policywatch.source;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code settings.yml} changed while running. Its values apply at the next restart.
 *
 * @param file the file
 * @param problems its problems (empty when it is valid); a start-up with these problems fails
 * @param deleted whether the file was removed
 */
public record SettingsChanged(Path file, List<ConfigProblem> problems, boolean deleted) {
}
