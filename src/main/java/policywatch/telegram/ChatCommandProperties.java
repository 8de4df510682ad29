package policywatch.telegram;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on the bot's commands, so that one user or one chat cannot keep the bot busy for everyone.
 *
 * @param perUser the most commands one user may send within {@code window} (the bot's admins are exempt)
 * @param perChat the most commands the bot answers in one group or channel within {@code window} (a private chat is
 * covered by {@code perUser}); the default keeps replies
 * in a group within Telegram's 20 messages a minute
 * @param window the sliding window both limits count in; over a limit the sender gets one polite "slow down",
 * then silence until the window has room again
 * @param groupAdminsCache how long the answer of Telegram's {@code getChatMember} (is this member a group admin?)
 * is reused
 */
@ConfigurationProperties("policywatch.telegram.commands")
@Validated
public record ChatCommandProperties(@DefaultValue("20") @Min(1) int perUser, @DefaultValue("20") @Min(1) int perChat,
		@DefaultValue("1m") Duration window, @DefaultValue("60s") Duration groupAdminsCache) {
}
