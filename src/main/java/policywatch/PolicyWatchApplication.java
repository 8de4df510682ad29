package policywatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. With no command word it starts the bot; {@code check} and {@code extract} run the
 * pipeline stages once from the command line and exit without starting Spring.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PolicyWatchApplication {

	public static void main(String[] args) {
		if (args.length > 0 && CommandLineTools.handles(args[0])) {
			System.exit(CommandLineTools.run(args));
		}
		SpringApplication.run(PolicyWatchApplication.class, args);
	}

}
