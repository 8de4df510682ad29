package policywatch.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * Adds the optional {@code settings.yml} from the config folder to the environment: the same
 * property names as {@code application.properties}, for example
 *
 * <pre>
 * policywatch:
 *   subscription:
 *     max-per-chat: 100
 * </pre>
 *
 * It sits below command-line arguments, Java system properties and environment variables, and
 * above every {@code application.properties} file. Unknown {@code policywatch.*} names are
 * problems (reported with their line, and start-up stops); other names (for example
 * {@code server.port} or {@code logging.level.policywatch}) are passed to Spring Boot unchecked.
 * Values are read at start-up: a change applies at the next restart.
 */
final class SettingsFile implements EnvironmentPostProcessor, Ordered {

	static final String FILE = "settings.yml";

	static final String PROPERTY_SOURCE_NAME = "policywatchSettings";

	private static final String CONFIG_DIR = "policywatch.config-dir";

	private final Log logger;

	SettingsFile(DeferredLogFactory logs) {
		this.logger = logs.getLog(SettingsFile.class);
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Path file = Path.of(environment.getProperty(CONFIG_DIR, "config")).resolve(FILE);
		if (!Files.exists(file)) {
			return;
		}
		List<ConfigProblem> problems = new ArrayList<>();
		PropertySource<?> source = load(file, KnownSettings.fromClasspath(application.getClassLoader()), problems);
		FeedsConfig.throwIfAny(problems);
		if (source == null) {
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addFirst(source);
		}
		this.logger.info("Loaded settings file=" + file + " count="
				+ ((EnumerablePropertySource<?>) source).getPropertyNames().length);
	}

	/**
	 * Checks a settings file as start-up would.
	 * @return its problems, empty when it is valid (or missing)
	 */
	static List<ConfigProblem> validate(Path file) {
		List<ConfigProblem> problems = new ArrayList<>();
		if (Files.exists(file)) {
			load(file, KnownSettings.fromClasspath(SettingsFile.class.getClassLoader()), problems);
		}
		return problems;
	}

	/**
	 * Reads the file into a property source, adding its problems to the list.
	 * @return the property source, or {@code null} when it is empty or has problems
	 */
	static PropertySource<?> load(Path file, KnownSettings known, List<ConfigProblem> problems) {
		int before = problems.size();
		YamlFile yaml = new YamlFile(file, problems);
		String text = yaml.read(true);
		if (text == null) {
			return null;
		}
		Node root = yaml.compose(text);
		if (root == null) {
			return null;
		}
		if (!(root instanceof MappingNode)) {
			yaml.problem(YamlFile.line(root), "", "expected settings such as 'policywatch:' followed by indented names");
			return null;
		}
		List<PropertySource<?>> loaded;
		try {
			loaded = new YamlPropertySourceLoader().load(PROPERTY_SOURCE_NAME, new FileSystemResource(file));
		}
		catch (MarkedYAMLException ex) {
			yaml.problem((ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0, "",
					"invalid YAML: " + YamlFile.describe(ex));
			return null;
		}
		catch (IOException | RuntimeException ex) {
			yaml.problem(0, "", "unable to read settings: " + YamlFile.oneLine(ex.getMessage()));
			return null;
		}
		if (loaded.isEmpty()) {
			return null;
		}
		PropertySource<?> source = loaded.get(0);
		if (source instanceof EnumerablePropertySource<?> enumerable) {
			for (String name : enumerable.getPropertyNames()) {
				check(name, line(source, name), known, yaml);
			}
		}
		return (problems.size() > before) ? null : source;
	}

	private static void check(String name, int line, KnownSettings known, YamlFile yaml) {
		if (!name.regionMatches(true, 0, KnownSettings.PREFIX, 0, KnownSettings.PREFIX.length())) {
			return;
		}
		if (KnownSettings.canonical(name).equals(KnownSettings.canonical(CONFIG_DIR))) {
			yaml.problem(line, name, "cannot be set here, it says where this file is; set it on the command line "
					+ "(--policywatch.config-dir=...) or as POLICYWATCH_CONFIG_DIR");
			return;
		}
		if (known.available() && !known.isKnown(name)) {
			yaml.problem(line, name, "unknown setting" + known.suggestion(name)
					+ " (the names are those of application properties; see docs/configuration.md)");
		}
	}

	private static int line(PropertySource<?> source, String name) {
		Origin origin = OriginLookup.getOrigin(source, name);
		if (origin instanceof TextResourceOrigin text && text.getLocation() != null) {
			return text.getLocation().getLine() + 1;
		}
		return 0;
	}

}
