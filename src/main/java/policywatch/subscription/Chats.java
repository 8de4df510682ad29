package policywatch.subscription;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/**
 * The chats that talk to the bot and whether they want alerts.
 */
@Service
public class Chats {

	private final ChatRepository repository;

	Chats(ChatRepository repository) {
		this.repository = repository;
	}

	/**
	 * Records a message from a chat: creates or reactivates it.
	 */
	public void seen(long chatId, String type, String title) {
		this.repository.touch(chatId, type, title);
	}

	public Optional<Chat> find(long chatId) {
		return this.repository.find(chatId);
	}

	public Map<Long, Chat> findAll(Collection<Long> chatIds) {
		if (chatIds.isEmpty()) {
			return Map.of();
		}
		return this.repository.findAll(List.copyOf(chatIds)).stream().collect(Collectors.toMap(Chat::id, Function.identity()));
	}

	public boolean pause(long chatId) {
		return this.repository.setPaused(chatId, true);
	}

	public boolean resume(long chatId) {
		return this.repository.setPaused(chatId, false);
	}

	/**
	 * Marks a chat inactive (the bot was blocked or removed).
	 * @return whether it was active before
	 */
	public boolean deactivate(long chatId) {
		return this.repository.setActive(chatId, false);
	}

	public long countActive() {
		return this.repository.countActive();
	}

}
