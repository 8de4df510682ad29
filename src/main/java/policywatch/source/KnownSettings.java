package policywatch.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.json.JsonParserFactory;

/**
 * The {@code policywatch.*} property names the application knows, read from the configuration
 * metadata that the build writes for every {@code @ConfigurationProperties} class
 * ({@code META-INF/spring-configuration-metadata.json}) plus
 * {@code META-INF/additional-spring-configuration-metadata.json} for the others.
 */
final class KnownSettings {

	static final String PREFIX = "policywatch.";

	private static final List<String> LOCATIONS = List.of("META-INF/spring-configuration-metadata.json",
			"META-INF/additional-spring-configuration-metadata.json");

	/** Canonical form → the name as documented. */
	private final Map<String, String> names;

	/** Canonical forms of properties that are maps: any key below them is fine. */
	private final List<String> maps;

	KnownSettings(Map<String, String> names, List<String> maps) {
		this.names = names;
		this.maps = maps;
	}

	static KnownSettings fromClasspath(ClassLoader classLoader) {
		Map<String, String> names = new TreeMap<>();
		List<String> maps = new ArrayList<>();
		ClassLoader loader = (classLoader != null) ? classLoader : KnownSettings.class.getClassLoader();
		for (String location : LOCATIONS) {
			Enumeration<URL> resources;
			try {
				resources = loader.getResources(location);
			}
			catch (IOException ex) {
				continue;
			}
			for (URL resource : Collections.list(resources)) {
				read(resource, names, maps);
			}
		}
		return new KnownSettings(names, maps);
	}

	@SuppressWarnings("unchecked")
	private static void read(URL resource, Map<String, String> names, List<String> maps) {
		try (InputStream in = resource.openStream()) {
			Map<String, Object> metadata = JsonParserFactory.getJsonParser()
				.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			Object properties = metadata.get("properties");
			if (!(properties instanceof List<?> list)) {
				return;
			}
			for (Object item : list) {
				if (item instanceof Map<?, ?> property && property.get("name") instanceof String name
						&& name.startsWith(PREFIX)) {
					names.put(canonical(name), name);
					Object type = ((Map<String, Object>) property).get("type");
					if (type instanceof String text && text.startsWith("java.util.Map")) {
						maps.add(canonical(name));
					}
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			// unreadable metadata: its properties are simply not known
		}
	}

	/**
	 * Whether the metadata was found at all (it is missing when the build skipped the
	 * configuration processor; nothing can be checked then).
	 */
	boolean available() {
		return !this.names.isEmpty();
	}

	/**
	 * Whether a property name from a settings file is known. List indexes ({@code admin-ids[0]})
	 * are ignored; names match in Spring's relaxed way (case, dashes and underscores).
	 */
	boolean isKnown(String name) {
		String canonical = canonical(name);
		if (this.names.containsKey(canonical)) {
			return true;
		}
		return this.maps.stream().anyMatch((map) -> canonical.startsWith(map + "."));
	}

	/**
	 * A "did you mean" hint, or empty.
	 */
	String suggestion(String name) {
		String canonical = canonical(name);
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (Map.Entry<String, String> known : this.names.entrySet()) {
			int distance = YamlFile.distance(canonical, known.getKey());
			if (distance < bestDistance) {
				best = known.getValue();
				bestDistance = distance;
			}
		}
		int tolerance = Math.max(2, canonical.length() / 8);
		return (best != null && bestDistance <= tolerance) ? "; did you mean '" + best + "'?" : "";
	}

	static String canonical(String name) {
		String withoutIndexes = name.replaceAll("\\[[^\\[\\]]*+\\]", "");
		StringBuilder canonical = new StringBuilder();
		for (char c : withoutIndexes.toLowerCase(Locale.ROOT).toCharArray()) {
			if (c != '-' && c != '_') {
				canonical.append(c);
			}
		}
		return canonical.toString();
	}

}
