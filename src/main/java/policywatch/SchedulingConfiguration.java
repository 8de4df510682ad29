package policywatch;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on Spring's {@link org.springframework.scheduling.TaskScheduler} (configured by Spring
 * Boot with {@code spring.task.scheduling.*}) for the application's periodic work, such as the
 * config watcher's checks, instead of threads of our own.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

}
