package policywatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local fake of the Telegram Bot API that the real TelegramBots client talks to over HTTP on 127.0.0.1.
 * <p>
 * It answers {@code getMe}, {@code deleteWebhook}, {@code getUpdates} (long polling honouring {@code offset},
 * {@code limit}, {@code timeout} and {@code allowed_updates}), {@code sendMessage}, {@code editMessageText}, {@code setMyCommands},
 * {@code getMyCommands}, {@code deleteMyCommands}, {@code setMyDescription} and {@code setMyShortDescription}
 * (recorded, see {@link #requests}), {@code getChatMember} (see {@link #setChatMemberStatus}),
 * {@code sendChatAction}, {@code answerCallbackQuery} and {@code editMessageReplyMarkup} (see
 * {@link #sendCallbackQuery}, {@link #replyMarkup}); any
 * other method gets {@code 404 Not Found} like the real API. Method names match case-insensitively; parameters
 * are read from a JSON body, a form body or the query string.
 * <p>
 * {@code sendMessage} checks what the real API checks: a chat id, a non-empty text of at most 4096 UTF-16 units
 * (after entity parsing) and, with {@code parse_mode=HTML}, well-formed Telegram HTML (see {@link BotApiHtmlValidator}).
 * Failures can be scripted ({@link #failNextSends}, {@link #failSendsTo}) and the flood limits enforced
 * ({@link #enforceLimits}).
 * <p>
 * Usage: {@code try (FakeTelegramApi telegram = new FakeTelegramApi().start()) { ... telegram.url() ... }}.
 */
public final class FakeTelegramApi implements AutoCloseable {

	/** Token accepted by default. */
	public static final String DEFAULT_TOKEN = "fake-token-for-tests";

	/** User id of the fake bot. */
	public static final long BOT_ID = 123456789L;

	/** User name of the fake bot. */
	public static final String BOT_USERNAME = "policywatch_test_bot";

	private static final int MAX_TEXT_LENGTH = 4096;

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final String token;

	private final Clock clock;

	private final Object monitor = new Object();

	// All state below is guarded by monitor
	private final Deque<ObjectNode> pendingUpdates = new ArrayDeque<>();

	private final List<SentMessage> sent = new ArrayList<>();

	/** Messages the bot sent, by their message_id, with their current text (after edits). */
	private final Map<Long, SentMessage> sentById = new HashMap<>();

	private final List<EditedMessage> edited = new ArrayList<>();

	private final List<MyCommandsCall> myCommandsCalls = new ArrayList<>();

	private final Map<String, List<JsonNode>> requests = new HashMap<>();

	private final Map<Long, Failure> chatFailures = new HashMap<>();

	private final Map<List<Long>, String> memberStatuses = new HashMap<>();

	private final Map<Long, Deque<Long>> chatWindows = new HashMap<>();

	private final Map<Long, Deque<Long>> groupWindows = new HashMap<>();

	private final Deque<Long> globalWindow = new ArrayDeque<>();

	/** Inline keyboards by message id, as sent or last edited. */
	private final Map<Long, JsonNode> replyMarkups = new HashMap<>();

	/** The chat of each message the bot sent, by message id. */
	private final Map<Long, Long> messageChats = new HashMap<>();

	/** The last message the bot sent to each chat. */
	private final Map<Long, Long> lastMessageIds = new HashMap<>();

	private long nextCallbackId = 1;

	private long nextUpdateId = 1;

	private long nextMessageId = 1;

	private Failure nextSendsFailure;

	private int nextSendsFailureCount;

	private Limits limits;

	private int tooManyRequests;

	private int sendAttempts;

	private boolean closed;

	private int activePolls;

	private int maxActivePolls;

	private int conflicts;

	private String webhookUrl;

	private String webhookSecret;

	private int inFlight;

	private long latencyNanos;

	private HttpServer server;

	private ExecutorService executor;

	/** A fake accepting {@link #DEFAULT_TOKEN}. */
	public FakeTelegramApi() {
		this(DEFAULT_TOKEN, Clock.systemUTC());
	}

	/**
	 * A fake accepting the given token.
	 * @param token the bot token; requests with another token get 401
	 * @param clock the clock for message dates and flood limits
	 */
	public FakeTelegramApi(String token, Clock clock) {
		this.token = token;
		this.clock = clock;
	}

	/**
	 * Starts listening on a free port of 127.0.0.1.
	 * @return this fake
	 */
	public FakeTelegramApi start() {
		LoopbackServer loopback = LoopbackServer.start("fake-telegram-", this::handle);
		this.server = loopback.server();
		this.executor = loopback.executor();
		return this;
	}

	/** Stops the server; pending long polls return at once with no updates. */
	@Override
	public void close() {
		synchronized (this.monitor) {
			this.closed = true;
			this.monitor.notifyAll();
			// let woken long polls write their empty answer before the connections are dropped
			long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
			while (this.inFlight > 0 && System.nanoTime() < deadline) {
				waitOnMonitor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
		}
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
		}
	}

	/** @return base URL such as {@code http://127.0.0.1:PORT} (no trailing slash) */
	public String url() {
		return "http://127.0.0.1:" + port();
	}

	/** @return {@code 127.0.0.1} */
	public String host() {
		return "127.0.0.1";
	}

	/** @return the port listened on */
	public int port() {
		if (this.server == null) {
			throw new IllegalStateException("FakeTelegramApi not started");
		}
		return this.server.getAddress().getPort();
	}

	/** @return the bot token accepted */
	public String token() {
		return this.token;
	}

	// ---------------------------------------------------------------- updates

	/**
	 * Queues a text message from a user in a private chat (chat id = user id).
	 * @param userId the user
	 * @param text the text; a leading {@code /command} gets a {@code bot_command} entity like the real API
	 * @return the update id
	 */
	public long sendText(long userId, String text) {
		return sendText(userId, userId, text);
	}

	/**
	 * Queues a text message from a user. The chat is private when {@code chatId == userId}, a group when the chat
	 * id is negative (a supergroup below -10^12).
	 * @param chatId the chat
	 * @param userId the sender
	 * @param text the text; a leading {@code /command} gets a {@code bot_command} entity like the real API
	 * @return the update id
	 */
	public long sendText(long chatId, long userId, String text) {
		return sendText(chatId, userId, text, "en");
	}

	/**
	 * Like {@link #sendText(long, long, String)} from a user whose Telegram app is set to a language.
	 * @param languageCode the sender's {@code language_code}, e.g. {@code ru} or {@code pt-br}; {@code null} for none
	 * @return the update id
	 */
	public long sendText(long chatId, long userId, String text, String languageCode) {
		synchronized (this.monitor) {
			ObjectNode message = JSON.objectNode();
			message.put("message_id", this.nextMessageId++);
			ObjectNode from = user(userId);
			if (languageCode != null) {
				from.put("language_code", languageCode);
			}
			else {
				from.remove("language_code");
			}
			message.set("from", from);
			message.set("chat", chat(chatId));
			message.put("date", epochSeconds());
			message.put("text", text);
			if (text.startsWith("/")) {
				int end = 0;
				while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
					end++;
				}
				ObjectNode entity = message.putArray("entities").addObject();
				entity.put("type", "bot_command").put("offset", 0).put("length", end);
			}
			ObjectNode update = JSON.objectNode();
			update.set("message", message);
			return queue(update);
		}
	}

	/**
	 * Queues a {@code my_chat_member} update: the bot's status in a chat changed, e.g. {@code "kicked"} when a
	 * user blocked the bot, {@code "member"} when they unblocked it.
	 * @param chatId the chat (positive: a private chat with that user)
	 * @param newStatus {@code kicked}, {@code member}, {@code left}, {@code administrator}...
	 * @return the update id
	 */
	public long sendMyChatMemberUpdate(long chatId, String newStatus) {
		synchronized (this.monitor) {
			ObjectNode change = JSON.objectNode();
			change.set("chat", chat(chatId));
			change.set("from", user(chatId > 0 ? chatId : 1000L));
			change.put("date", epochSeconds());
			String oldStatus = newStatus.equals("member") ? "kicked" : "member";
			change.set("old_chat_member", chatMember(oldStatus));
			change.set("new_chat_member", chatMember(newStatus));
			ObjectNode update = JSON.objectNode();
			update.set("my_chat_member", change);
			return queue(update);
		}
	}

	/**
	 * Queues any update; its {@code update_id} is assigned.
	 * @param updateJson an update without {@code update_id}, e.g. {@code {"callback_query":{...}}}
	 * @return the update id
	 */
	public long sendRawUpdate(String updateJson) {
		try {
			ObjectNode update = (ObjectNode) this.objectMapper.readTree(updateJson);
			synchronized (this.monitor) {
				return queue(update);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return updates not yet confirmed by a {@code getUpdates} offset */
	public int pendingUpdateCount() {
		synchronized (this.monitor) {
			return this.pendingUpdates.size();
		}
	}

	// ---------------------------------------------------------------- sent messages

	/** @return messages successfully sent so far, in order */
	public List<SentMessage> sentMessages() {
		synchronized (this.monitor) {
			return List.copyOf(this.sent);
		}
	}

	/**
	 * Waits until at least {@code count} sent messages match.
	 * @param predicate which messages count
	 * @param count how many to wait for
	 * @param timeout how long to wait at most
	 * @return all matching messages (at least {@code count})
	 * @throws AssertionError on timeout, listing what was sent
	 */
	public List<SentMessage> awaitMessages(Predicate<SentMessage> predicate, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (true) {
				List<SentMessage> matching = this.sent.stream().filter(predicate).toList();
				if (matching.size() >= count) {
					return matching;
				}
				long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
				if (remainingMillis <= 0) {
					throw new AssertionError("Expected " + count + " matching sent message(s) within " + timeout
							+ " but found " + matching.size() + "; all sent: " + this.sent);
				}
				waitOnMonitor(remainingMillis);
			}
		}
	}

	/**
	 * Waits until at least {@code count} messages were sent to a chat.
	 * @param chatId the chat
	 * @param count how many
	 * @param timeout how long at most
	 * @return the messages sent to that chat
	 */
	public List<SentMessage> awaitMessages(long chatId, int count, Duration timeout) {
		return awaitMessages((message) -> message.chatId() == chatId, count, timeout);
	}

	/** @return successful {@code editMessageText} calls so far, in order */
	public List<EditedMessage> editedMessages() {
		synchronized (this.monitor) {
			return List.copyOf(this.edited);
		}
	}

	/**
	 * @return a message the bot sent, by its message_id, with its text as last edited, or {@code null}
	 */
	public SentMessage sentMessage(long messageId) {
		synchronized (this.monitor) {
			return this.sentById.get(messageId);
		}
	}

	/**
	 * Waits until at least {@code count} edits of messages in the chat succeeded.
	 * @throws AssertionError on timeout
	 */
	public List<EditedMessage> awaitEdits(long chatId, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (true) {
				List<EditedMessage> matching = this.edited.stream().filter((edit) -> edit.chatId() == chatId).toList();
				if (matching.size() >= count) {
					return matching;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("Expected " + count + " edits in chat " + chatId + ", got " + matching);
				}
				try {
					this.monitor.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted", ex);
				}
			}
		}
	}

	/** @return number of {@code sendMessage} requests received, including failed ones */
	public int sendAttempts() {
		synchronized (this.monitor) {
			return this.sendAttempts;
		}
	}

	/** @return {@code setMyCommands} calls, in order */
	public List<MyCommandsCall> myCommandsCalls() {
		synchronized (this.monitor) {
			return List.copyOf(this.myCommandsCalls);
		}
	}

	/**
	 * Parameters of every call of a method (lower-case name such as {@code "sendmessage"}), including rejected
	 * ones; to check fields {@link SentMessage} leaves out, e.g. {@code link_preview_options}.
	 * @param method the method name, any case
	 * @return the parameters as JSON, in order
	 */
	public List<JsonNode> requests(String method) {
		synchronized (this.monitor) {
			return List.copyOf(this.requests.getOrDefault(method.toLowerCase(Locale.ROOT), List.of()));
		}
	}

	// ---------------------------------------------------------------- chat members

	/**
	 * Sets what {@code getChatMember} answers for a member of a chat; anyone not set is a plain {@code member}.
	 * @param chatId the chat
	 * @param userId the member
	 * @param status {@code creator}, {@code administrator}, {@code member}, {@code restricted}, {@code left} or
	 * {@code kicked}
	 */
	public void setChatMemberStatus(long chatId, long userId, String status) {
		synchronized (this.monitor) {
			this.memberStatuses.put(List.of(chatId, userId), status);
		}
	}

	// ---------------------------------------------------------------- scripted failures

	/**
	 * Makes the next {@code n} {@code sendMessage} calls fail (after validation).
	 * @param n how many sends fail
	 * @param errorCode e.g. 429, 403, 400, 500
	 * @param description e.g. {@code "Too Many Requests: retry after 3"}
	 * @param retryAfter {@code parameters.retry_after}, or null
	 * @param migrateToChatId {@code parameters.migrate_to_chat_id}, or null
	 */
	public void failNextSends(int n, int errorCode, String description, Integer retryAfter, Long migrateToChatId) {
		synchronized (this.monitor) {
			this.nextSendsFailure = new Failure(errorCode, description, retryAfter, migrateToChatId);
			this.nextSendsFailureCount = n;
		}
	}

	/**
	 * Makes every {@code sendMessage} to one chat fail until {@link #clearFailures()}, e.g.
	 * {@code failSendsTo(42, 403, "Forbidden: bot was blocked by the user")}.
	 * @param chatId the chat
	 * @param errorCode the error code
	 * @param description the description
	 */
	public void failSendsTo(long chatId, int errorCode, String description) {
		synchronized (this.monitor) {
			this.chatFailures.put(chatId, new Failure(errorCode, description, null, null));
		}
	}

	/** Removes all scripted failures. */
	public void clearFailures() {
		synchronized (this.monitor) {
			this.chatFailures.clear();
			this.nextSendsFailure = null;
			this.nextSendsFailureCount = 0;
		}
	}

	/** Enforces Telegram's documented flood limits: 1/s per chat, 20/min per group, 30/s overall. */
	public void enforceLimits() {
		enforceLimits(1, 20, 30);
	}

	/**
	 * Answers {@code 429 Too Many Requests} with {@code retry_after} when a send exceeds a limit. Only successful
	 * sends count towards the limits.
	 * @param perChatPerSecond messages per chat within any second
	 * @param perGroupPerMinute messages per group chat (negative id) within any minute
	 * @param globalPerSecond messages overall within any second
	 */
	public void enforceLimits(int perChatPerSecond, int perGroupPerMinute, int globalPerSecond) {
		synchronized (this.monitor) {
			this.limits = new Limits(perChatPerSecond, perGroupPerMinute, globalPerSecond);
		}
	}

	/**
	 * Answers every call after this delay, as a Bot API across the internet would: half of it
	 * before the request is handled (the way there), half after (the way back).
	 * @param latency the round trip; zero turns it off
	 */
	public void setLatency(Duration latency) {
		synchronized (this.monitor) {
			this.latencyNanos = latency.toNanos();
		}
	}

	/** @return number of 409 Conflict answers to {@code getUpdates} (two pollers, or polling while a webhook is set) */
	public int conflictCount() {
		synchronized (this.monitor) {
			return this.conflicts;
		}
	}

	/** @return the most {@code getUpdates} calls that waited at the same time */
	public int maxConcurrentPolls() {
		synchronized (this.monitor) {
			return this.maxActivePolls;
		}
	}

	/** @return the webhook URL set by {@code setWebhook}, {@code null} when none (or after {@code deleteWebhook}) */
	public String webhookUrl() {
		synchronized (this.monitor) {
			return this.webhookUrl;
		}
	}

	/** @return the {@code secret_token} given with the webhook, else {@code null} */
	public String webhookSecret() {
		synchronized (this.monitor) {
			return this.webhookSecret;
		}
	}

	/** @return number of 429 answers given because of {@link #enforceLimits} */
	public int tooManyRequestsCount() {
		synchronized (this.monitor) {
			return this.tooManyRequests;
		}
	}

	// ---------------------------------------------------------------- HTTP

	private void handle(HttpExchange exchange) {
		synchronized (this.monitor) {
			this.inFlight++;
		}
		long latency;
		synchronized (this.monitor) {
			latency = this.latencyNanos;
		}
		try (exchange) {
			Reply reply;
			try {
				travel(latency / 2);
				reply = dispatch(exchange);
				travel(latency - latency / 2);
			}
			catch (RuntimeException ex) {
				reply = Reply.error(new Failure(500, "Internal Server Error: " + ex, null, null));
			}
			byte[] body = this.objectMapper.writeValueAsBytes(reply.body());
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(reply.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		catch (IOException ex) {
			// client went away or server closing
		}
		finally {
			synchronized (this.monitor) {
				this.inFlight--;
				this.monitor.notifyAll();
			}
		}
	}

	private static void travel(long nanos) {
		if (nanos > 0) {
			LockSupport.parkNanos(nanos);
		}
	}

	private Reply dispatch(HttpExchange exchange) throws IOException {
		String[] segments = exchange.getRequestURI().getPath().split("/");
		// "", "bot<token>", ["test",] "<method>"
		if (segments.length < 3 || !segments[1].startsWith("bot")) {
			return Reply.error(new Failure(404, "Not Found", null, null));
		}
		if (!segments[1].substring(3).equals(this.token)) {
			return Reply.error(new Failure(401, "Unauthorized", null, null));
		}
		String method = segments[segments.length - 1].toLowerCase(Locale.ROOT);
		ObjectNode params = readParams(exchange);
		if (params == null) {
			return Reply.error(new Failure(400, "Bad Request: can't parse request body", null, null));
		}
		synchronized (this.monitor) {
			this.requests.computeIfAbsent(method, (key) -> new ArrayList<>()).add(params);
		}
		return switch (method) {
			case "getme" -> Reply.ok(botUser());
			case "setwebhook" -> setWebhook(params);
			case "deletewebhook" -> deleteWebhook();
			case "sendchataction", "answercallbackquery", "deletemycommands", "setmydescription",
					"setmyshortdescription" -> Reply.ok(
					JSON.booleanNode(true));
			case "getupdates" -> getUpdates(params);
			case "sendmessage" -> sendMessage(params);
			case "editmessagetext" -> editMessageText(params);
			case "setmycommands" -> setMyCommands(params);
			case "getmycommands" -> getMyCommands(params);
			case "getchatmember" -> getChatMember(params);
			case "editmessagereplymarkup" -> editMessageReplyMarkup(params);
			default -> Reply.error(new Failure(404, "Not Found", null, null));
		};
	}

	private ObjectNode readParams(HttpExchange exchange) throws IOException {
		ObjectNode params = JSON.objectNode();
		String query = exchange.getRequestURI().getRawQuery();
		if (query != null) {
			decodeForm(query, params);
		}
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (body.isBlank()) {
			return params;
		}
		String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
			.orElse("")
			.toLowerCase(Locale.ROOT);
		if (contentType.contains("json")) {
			try {
				JsonNode json = this.objectMapper.readTree(body);
				if (!(json instanceof ObjectNode object)) {
					return null;
				}
				params.setAll(object);
			}
			catch (IOException ex) {
				return null;
			}
		}
		else if (contentType.contains("x-www-form-urlencoded")) {
			decodeForm(body, params);
		}
		else if (contentType.contains("multipart/form-data")) {
			decodeMultipart(body, contentType, params);
		}
		else {
			return null;
		}
		return params;
	}

	/** Text parts of a multipart body (as the client sends {@code setWebhook}). */
	private static void decodeMultipart(String body, String contentType, ObjectNode params) {
		int at = contentType.indexOf("boundary=");
		if (at < 0) {
			return;
		}
		String boundary = "--" + contentType.substring(at + "boundary=".length()).replace("\"", "").strip();
		for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
			int headerEnd = part.indexOf("\r\n\r\n");
			if (headerEnd < 0) {
				continue;
			}
			String headers = part.substring(0, headerEnd);
			int nameAt = headers.indexOf("name=\"");
			if (nameAt < 0) {
				continue;
			}
			int nameEnd = headers.indexOf('"', nameAt + 6);
			String name = headers.substring(nameAt + 6, nameEnd);
			String value = part.substring(headerEnd + 4);
			if (value.endsWith("\r\n")) {
				value = value.substring(0, value.length() - 2);
			}
			params.put(name, value);
		}
	}

	private static void decodeForm(String form, ObjectNode params) {
		for (String pair : form.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			params.put(key, value);
		}
	}

	// ---------------------------------------------------------------- methods

	private Reply setWebhook(ObjectNode params) {
		String url = params.path("url").asText("");
		synchronized (this.monitor) {
			this.webhookUrl = url.isEmpty() ? null : url;
			this.webhookSecret = params.hasNonNull("secret_token") ? params.get("secret_token").asText() : null;
			this.monitor.notifyAll();
		}
		return Reply.ok(JSON.booleanNode(true));
	}

	private Reply deleteWebhook() {
		synchronized (this.monitor) {
			this.webhookUrl = null;
			this.webhookSecret = null;
		}
		return Reply.ok(JSON.booleanNode(true));
	}

	/**
	 * Like the real API: getUpdates is refused (409) while a webhook is set or while another
	 * getUpdates is waiting.
	 */
	private Reply getUpdates(ObjectNode params) {
		synchronized (this.monitor) {
			if (this.webhookUrl != null) {
				this.conflicts++;
				return Reply.error(new Failure(409,
						"Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
						null, null));
			}
			if (this.activePolls > 0) {
				this.conflicts++;
				return Reply.error(new Failure(409,
						"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
						null, null));
			}
			this.activePolls++;
			this.maxActivePolls = Math.max(this.maxActivePolls, this.activePolls);
		}
		try {
			return waitForUpdates(params);
		}
		finally {
			synchronized (this.monitor) {
				this.activePolls--;
			}
		}
	}

	private Reply waitForUpdates(ObjectNode params) {
		long offset = longParam(params, "offset", 0);
		int limit = (int) Math.max(1, Math.min(100, longParam(params, "limit", 100)));
		long timeoutSeconds = Math.max(0, longParam(params, "timeout", 0));
		List<String> allowed = new ArrayList<>();
		JsonNode allowedNode = params.get("allowed_updates");
		if (allowedNode != null && allowedNode.isArray()) {
			allowedNode.forEach((type) -> allowed.add(type.asText()));
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
		synchronized (this.monitor) {
			if (offset > 0) {
				this.pendingUpdates.removeIf((update) -> update.get("update_id").asLong() < offset);
			}
			while (true) {
				ArrayNode result = JSON.arrayNode();
				for (ObjectNode update : this.pendingUpdates) {
					if (result.size() < limit && isAllowed(update, allowed)) {
						result.add(update);
					}
				}
				long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
				if (!result.isEmpty() || this.closed || remainingMillis <= 0) {
					return Reply.ok(result);
				}
				waitOnMonitor(remainingMillis);
			}
		}
	}

	private static boolean isAllowed(ObjectNode update, List<String> allowed) {
		if (allowed.isEmpty()) {
			return true;
		}
		for (Iterator<String> names = update.fieldNames(); names.hasNext();) {
			if (allowed.contains(names.next())) {
				return true;
			}
		}
		return false;
	}

	private Reply sendMessage(ObjectNode params) {
		synchronized (this.monitor) {
			this.sendAttempts++;
		}
		JsonNode chatNode = params.get("chat_id");
		if (chatNode == null || chatNode.asText().isEmpty()) {
			return Reply.error(new Failure(400, "Bad Request: chat_id is empty", null, null));
		}
		long chatId;
		try {
			chatId = Long.parseLong(chatNode.asText());
		}
		catch (NumberFormatException ex) {
			return Reply.error(new Failure(400, "Bad Request: chat not found", null, null));
		}
		String text = params.path("text").asText("");
		String parseMode = params.hasNonNull("parse_mode") ? params.get("parse_mode").asText() : null;
		String visible = text;
		if (parseMode != null && parseMode.equalsIgnoreCase("HTML")) {
			Optional<String> problem = BotApiHtmlValidator.validate(text);
			if (problem.isPresent()) {
				return Reply.error(new Failure(400, "Bad Request: " + problem.get(), null, null));
			}
			visible = BotApiHtmlValidator.plainText(text);
		}
		else if (parseMode != null && !parseMode.isEmpty() && !parseMode.equalsIgnoreCase("MarkdownV2")
				&& !parseMode.equalsIgnoreCase("Markdown")) {
			return Reply.error(new Failure(400, "Bad Request: unsupported parse_mode", null, null));
		}
		if (visible.isBlank()) {
			return Reply.error(new Failure(400, "Bad Request: message text is empty", null, null));
		}
		if (visible.length() > MAX_TEXT_LENGTH) {
			return Reply.error(new Failure(400, "Bad Request: message is too long", null, null));
		}
		synchronized (this.monitor) {
			if (this.nextSendsFailureCount > 0) {
				this.nextSendsFailureCount--;
				return Reply.error(this.nextSendsFailure);
			}
			Failure chatFailure = this.chatFailures.get(chatId);
			if (chatFailure != null) {
				return Reply.error(chatFailure);
			}
			long now = this.clock.millis();
			if (this.limits != null) {
				long waitMillis = this.limits.waitMillis(chatId, now, this);
				if (waitMillis > 0) {
					this.tooManyRequests++;
					int retryAfter = (int) Math.max(1, (waitMillis + 999) / 1000);
					return Reply.error(
							new Failure(429, "Too Many Requests: retry after " + retryAfter, retryAfter, null));
				}
				this.globalWindow.addLast(now);
				this.chatWindows.computeIfAbsent(chatId, (key) -> new ArrayDeque<>()).addLast(now);
				if (chatId < 0) {
					this.groupWindows.computeIfAbsent(chatId, (key) -> new ArrayDeque<>()).addLast(now);
				}
			}
			long messageId = this.nextMessageId++;
			this.sent.add(new SentMessage(chatId, text, parseMode, Instant.ofEpochMilli(now)));
			this.sentById.put(messageId, new SentMessage(chatId, text, parseMode, Instant.ofEpochMilli(now)));
			this.messageChats.put(messageId, chatId);
			this.lastMessageIds.put(chatId, messageId);
			JsonNode markup = markupParam(params);
			if (markup != null) {
				this.replyMarkups.put(messageId, markup);
			}
			this.monitor.notifyAll();
			ObjectNode message = JSON.objectNode();
			if (markup != null) {
				message.set("reply_markup", markup);
			}
			message.put("message_id", messageId);
			message.set("from", botUser());
			message.set("chat", chat(chatId));
			message.put("date", now / 1000);
			message.put("text", visible);
			return Reply.ok(message);
		}
	}

	/**
	 * {@code editMessageText} of a message the bot sent: checks the chat, the message id and the markup
	 * like {@code sendMessage}, and refuses an edit that changes nothing, as the real API does.
	 */
	private Reply editMessageText(ObjectNode params) {
		long chatId = longParam(params, "chat_id", 0);
		long messageId = longParam(params, "message_id", 0);
		String text = params.path("text").asText("");
		String parseMode = params.hasNonNull("parse_mode") ? params.get("parse_mode").asText() : null;
		String visible = text;
		if (parseMode != null && parseMode.equalsIgnoreCase("HTML")) {
			Optional<String> problem = BotApiHtmlValidator.validate(text);
			if (problem.isPresent()) {
				return Reply.error(new Failure(400, "Bad Request: " + problem.get(), null, null));
			}
			visible = BotApiHtmlValidator.plainText(text);
		}
		if (visible.isBlank()) {
			return Reply.error(new Failure(400, "Bad Request: message text is empty", null, null));
		}
		if (visible.length() > MAX_TEXT_LENGTH) {
			return Reply.error(new Failure(400, "Bad Request: MESSAGE_TOO_LONG", null, null));
		}
		synchronized (this.monitor) {
			SentMessage original = this.sentById.get(messageId);
			if (original == null || original.chatId() != chatId) {
				return Reply.error(new Failure(400, "Bad Request: message to edit not found", null, null));
			}
			if (original.text().equals(text)) {
				return Reply.error(new Failure(400,
						"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
						null, null));
			}
			long now = this.clock.millis();
			this.sentById.put(messageId, new SentMessage(chatId, text, parseMode, original.at()));
			this.edited.add(new EditedMessage(chatId, messageId, text, parseMode, Instant.ofEpochMilli(now)));
			this.monitor.notifyAll();
			ObjectNode message = JSON.objectNode();
			message.put("message_id", messageId);
			message.set("from", botUser());
			message.set("chat", chat(chatId));
			message.put("date", original.at().getEpochSecond());
			message.put("edit_date", now / 1000);
			message.put("text", visible);
			return Reply.ok(message);
		}
	}

	/**
	 * {@code reply_markup} from a JSON body (an object) or a form (a JSON string).
	 */
	private JsonNode markupParam(ObjectNode params) {
		JsonNode markup = params.get("reply_markup");
		if (markup == null || markup.isNull()) {
			return null;
		}
		if (markup.isTextual()) {
			try {
				return this.objectMapper.readTree(markup.asText());
			}
			catch (IOException ex) {
				return null;
			}
		}
		return markup;
	}

	private Reply editMessageReplyMarkup(ObjectNode params) {
		long chatId = longParam(params, "chat_id", 0);
		long messageId = longParam(params, "message_id", 0);
		synchronized (this.monitor) {
			Long chat = this.messageChats.get(messageId);
			if (chat == null || chat != chatId) {
				return Reply.error(new Failure(400, "Bad Request: message to edit not found", null, null));
			}
			JsonNode markup = markupParam(params);
			JsonNode before = this.replyMarkups.get(messageId);
			if (markup == null || markup.path("inline_keyboard").isEmpty()) {
				this.replyMarkups.remove(messageId);
			}
			else {
				this.replyMarkups.put(messageId, markup);
			}
			if (before != null && before.equals(markup)) {
				return Reply.error(new Failure(400, "Bad Request: message is not modified", null, null));
			}
		}
		return Reply.ok(JSON.booleanNode(true));
	}

	// ---------------------------------------------------------------- inline keyboards

	/**
	 * @return the inline keyboard of a message the bot sent, as sent or last edited
	 * ({@code {"inline_keyboard":[[{"text":..,"callback_data":..}]]}}), or {@code null}
	 */
	public JsonNode replyMarkup(long messageId) {
		synchronized (this.monitor) {
			return this.replyMarkups.get(messageId);
		}
	}

	/**
	 * @return the id of the last message the bot sent to a chat, or 0
	 */
	public long lastMessageId(long chatId) {
		synchronized (this.monitor) {
			return this.lastMessageIds.getOrDefault(chatId, 0L);
		}
	}

	/**
	 * Queues a {@code callback_query} update: a user pressed an inline button under a message in a chat. The
	 * message carries its current keyboard, like the real API.
	 * @param chatId the chat the message is in
	 * @param userId who pressed
	 * @param messageId the message
	 * @param data the button's {@code callback_data}
	 * @return the callback query's id (what {@code answerCallbackQuery} must name)
	 */
	public String sendCallbackQuery(long chatId, long userId, long messageId, String data) {
		synchronized (this.monitor) {
			String id = "cb" + this.nextCallbackId++;
			ObjectNode message = JSON.objectNode();
			message.put("message_id", messageId);
			message.set("from", botUser());
			message.set("chat", chat(chatId));
			message.put("date", epochSeconds());
			message.put("text", "…");
			JsonNode markup = this.replyMarkups.get(messageId);
			if (markup != null) {
				message.set("reply_markup", markup.deepCopy());
			}
			ObjectNode query = JSON.objectNode();
			query.put("id", id);
			query.set("from", user(userId));
			query.set("message", message);
			query.put("chat_instance", Long.toString(chatId));
			query.put("data", data);
			ObjectNode update = JSON.objectNode();
			update.set("callback_query", query);
			queue(update);
			return id;
		}
	}

	private Reply getChatMember(ObjectNode params) {
		long chatId = longParam(params, "chat_id", 0);
		long userId = longParam(params, "user_id", 0);
		if (chatId == 0) {
			return Reply.error(new Failure(400, "Bad Request: chat not found", null, null));
		}
		if (userId == 0) {
			return Reply.error(new Failure(400, "Bad Request: invalid user_id specified", null, null));
		}
		String status;
		synchronized (this.monitor) {
			status = this.memberStatuses.getOrDefault(List.of(chatId, userId), "member");
		}
		ObjectNode member = JSON.objectNode();
		member.put("status", status);
		member.set("user", user(userId));
		if (status.equals("kicked") || status.equals("restricted")) {
			member.put("until_date", 0);
		}
		if (status.equals("creator") || status.equals("administrator")) {
			member.put("is_anonymous", false);
		}
		return Reply.ok(member);
	}

	private Reply setMyCommands(ObjectNode params) {
		JsonNode commands = params.get("commands");
		if (commands != null && commands.isTextual()) {
			try {
				commands = this.objectMapper.readTree(commands.asText());
			}
			catch (IOException ex) {
				commands = null;
			}
		}
		if (commands == null || !commands.isArray()) {
			return Reply.error(new Failure(400, "Bad Request: parameter \"commands\" is required", null, null));
		}
		Map<String, String> byName = new LinkedHashMap<>();
		for (JsonNode command : commands) {
			String name = command.path("command").asText("");
			String description = command.path("description").asText("");
			if (!name.matches("[a-z0-9_]{1,32}")) {
				return Reply.error(new Failure(400, "Bad Request: BOT_COMMAND_INVALID", null, null));
			}
			if (description.isEmpty() || description.length() > 256) {
				return Reply.error(new Failure(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID", null, null));
			}
			byName.put(name, description);
		}
		String scope = params.hasNonNull("scope") ? scopeJson(params.get("scope")) : null;
		String language = params.hasNonNull("language_code") ? params.get("language_code").asText() : null;
		synchronized (this.monitor) {
			this.myCommandsCalls.add(new MyCommandsCall(byName, scope, language));
			this.monitor.notifyAll();
		}
		return Reply.ok(JSON.booleanNode(true));
	}

	private Reply getMyCommands(ObjectNode params) {
		String scope = params.hasNonNull("scope") ? scopeJson(params.get("scope")) : null;
		ArrayNode result = JSON.arrayNode();
		synchronized (this.monitor) {
			for (int i = this.myCommandsCalls.size() - 1; i >= 0; i--) {
				MyCommandsCall call = this.myCommandsCalls.get(i);
				if (Objects.equals(call.scopeJson(), scope)) {
					call.commands().forEach((name, description) -> result.addObject()
						.put("command", name)
						.put("description", description));
					break;
				}
			}
		}
		return Reply.ok(result);
	}

	private String scopeJson(JsonNode scope) {
		try {
			return scope.isTextual() ? scope.asText() : this.objectMapper.writeValueAsString(scope);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// ---------------------------------------------------------------- helpers

	private long queue(ObjectNode update) {
		long id = this.nextUpdateId++;
		ObjectNode withId = JSON.objectNode();
		withId.put("update_id", id);
		update.fields().forEachRemaining((field) -> {
			if (!field.getKey().equals("update_id")) {
				withId.set(field.getKey(), field.getValue());
			}
		});
		this.pendingUpdates.addLast(withId);
		this.monitor.notifyAll();
		return id;
	}

	private void waitOnMonitor(long millis) {
		try {
			this.monitor.wait(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private long epochSeconds() {
		return this.clock.millis() / 1000;
	}

	private static long longParam(ObjectNode params, String name, long fallback) {
		JsonNode node = params.get(name);
		if (node == null || node.isNull()) {
			return fallback;
		}
		try {
			return Long.parseLong(node.asText().trim());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	private static ObjectNode botUser() {
		ObjectNode user = JSON.objectNode();
		user.put("id", BOT_ID);
		user.put("is_bot", true);
		user.put("first_name", "PolicyWatch Test");
		user.put("username", BOT_USERNAME);
		user.put("can_join_groups", true);
		user.put("can_read_all_group_messages", false);
		user.put("supports_inline_queries", false);
		return user;
	}

	private static ObjectNode user(long userId) {
		ObjectNode user = JSON.objectNode();
		user.put("id", userId);
		user.put("is_bot", false);
		user.put("first_name", "User " + userId);
		user.put("language_code", "en");
		return user;
	}

	private static ObjectNode chat(long chatId) {
		ObjectNode chat = JSON.objectNode();
		chat.put("id", chatId);
		if (chatId > 0) {
			chat.put("type", "private");
			chat.put("first_name", "User " + chatId);
		}
		else {
			chat.put("type", chatId < -1_000_000_000_000L ? "supergroup" : "group");
			chat.put("title", "Group " + chatId);
		}
		return chat;
	}

	private static ObjectNode chatMember(String status) {
		ObjectNode member = JSON.objectNode();
		member.put("status", status);
		member.set("user", botUser());
		if (status.equals("kicked") || status.equals("restricted")) {
			member.put("until_date", 0);
		}
		return member;
	}

	/**
	 * A message the bot sent successfully.
	 * @param chatId target chat
	 * @param text the text as sent (with markup)
	 * @param parseMode {@code HTML}, {@code MarkdownV2} or null
	 * @param at when it was accepted
	 */
	public record SentMessage(long chatId, String text, String parseMode, Instant at) {
	}

	/**
	 * A successful {@code editMessageText}.
	 * @param chatId the chat
	 * @param messageId the edited message
	 * @param text the new text (with markup)
	 * @param parseMode {@code HTML} or null
	 * @param at when it was accepted
	 */
	public record EditedMessage(long chatId, long messageId, String text, String parseMode, Instant at) {
	}

	/**
	 * One {@code setMyCommands} call.
	 * @param commands command name to description, in order
	 * @param scopeJson the {@code scope} as JSON, e.g. {@code {"type":"default"}}, or null when absent
	 * @param languageCode the language code or null
	 */
	public record MyCommandsCall(Map<String, String> commands, String scopeJson, String languageCode) {
	}

	private record Failure(int errorCode, String description, Integer retryAfter, Long migrateToChatId) {
	}

	private record Reply(int status, ObjectNode body) {

		static Reply ok(JsonNode result) {
			ObjectNode body = JSON.objectNode();
			body.put("ok", true);
			body.set("result", result);
			return new Reply(200, body);
		}

		static Reply error(Failure failure) {
			ObjectNode body = JSON.objectNode();
			body.put("ok", false);
			body.put("error_code", failure.errorCode());
			body.put("description", failure.description());
			if (failure.retryAfter() != null || failure.migrateToChatId() != null) {
				ObjectNode parameters = body.putObject("parameters");
				if (failure.retryAfter() != null) {
					parameters.put("retry_after", failure.retryAfter());
				}
				if (failure.migrateToChatId() != null) {
					parameters.put("migrate_to_chat_id", failure.migrateToChatId());
				}
			}
			return new Reply(failure.errorCode(), body);
		}

	}

	private record Limits(int perChatPerSecond, int perGroupPerMinute, int globalPerSecond) {

		/** How long until a send to the chat would be within all limits; 0 when it is now. Guarded by monitor. */
		long waitMillis(long chatId, long now, FakeTelegramApi api) {
			long wait = waitFor(api.globalWindow, now, 1000, this.globalPerSecond);
			wait = Math.max(wait, waitFor(api.chatWindows.get(chatId), now, 1000, this.perChatPerSecond));
			if (chatId < 0) {
				wait = Math.max(wait, waitFor(api.groupWindows.get(chatId), now, 60_000, this.perGroupPerMinute));
			}
			return wait;
		}

		private static long waitFor(Deque<Long> window, long now, long spanMillis, int max) {
			if (window == null) {
				return 0;
			}
			while (!window.isEmpty() && window.peekFirst() <= now - spanMillis) {
				window.removeFirst();
			}
			if (window.size() < max) {
				return 0;
			}
			// the send becomes possible when enough of the oldest entries leave the window
			List<Long> times = window.stream().collect(Collectors.toList());
			long freeingAt = times.get(window.size() - max) + spanMillis;
			return Math.max(1, freeingAt - now);
		}

	}

}
