package policywatch.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the query language (see {@code docs/query-language.md}). Precedence, tightest first: {@code NEAR}, then
 * {@code NOT} and {@code -}, then {@code AND} (written or implied by juxtaposition), then {@code OR}.
 */
final class QueryParser {

	static final int DEFAULT_NEAR = 10;

	static final int MAX_NEAR = 100;

	static final int MIN_PREFIX = 3;

	static final int MAX_DEPTH = 32;

	private enum Kind {

		LPAREN, RPAREN, QUOTE, MINUS, AND, OR, NOT, NEAR, FIELD, WORD

	}

	private record Token(Kind kind, int position, String text, int number, Field field) {

		boolean startsItem() {
			return this.kind == Kind.WORD || this.kind == Kind.QUOTE || this.kind == Kind.LPAREN
					|| this.kind == Kind.MINUS || this.kind == Kind.NOT || this.kind == Kind.FIELD;
		}

		String describe() {
			return switch (this.kind) {
				case MINUS -> "-";
				case NEAR -> "NEAR/" + this.number;
				case FIELD -> this.field.name().toLowerCase(Locale.ROOT) + ":";
				case LPAREN -> "(";
				case RPAREN -> ")";
				default -> this.text;
			};
		}

	}

	private final String text;

	private final List<Token> tokens;

	private int next;

	private int depth;

	private QueryParser(String text, List<Token> tokens) {
		this.text = text;
		this.tokens = tokens;
	}

	static QueryNode parse(String text) throws QueryParseException {
		if (text == null || text.isBlank()) {
			throw new QueryParseException("The query is empty", 0);
		}
		QueryParser parser = new QueryParser(text, lex(text));
		QueryNode root = parser.parseOr();
		if (parser.next < parser.tokens.size()) {
			Token token = parser.tokens.get(parser.next);
			throw error("Unmatched ) at @: remove it or add a ( before it", token.position());
		}
		if (!root.positive()) {
			throw new QueryParseException(
					"The query only excludes: add a word or phrase to look for, as in: sanctions NOT russia", 0);
		}
		return root;
	}

	/**
	 * @param format the message; {@code @} stands for "character N" (1-based), {@code %s} for the arguments
	 */
	private static QueryParseException error(String format, int position, Object... args) {
		String message = format.replace("@", "character " + (position + 1));
		return new QueryParseException(String.format(Locale.ROOT, message, args), position, format,
				java.util.Arrays.stream(args).map(String::valueOf).toList());
	}

	// ---- lexer

	private static boolean isQuote(char c) {
		return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';
	}

	private static boolean isDelimiter(char c) {
		return Character.isWhitespace(c) || c == '(' || c == ')' || isQuote(c);
	}

	private static List<Token> lex(String text) throws QueryParseException {
		List<Token> tokens = new ArrayList<>();
		int length = text.length();
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '(') {
				tokens.add(new Token(Kind.LPAREN, i, "(", 0, null));
				i++;
			}
			else if (c == ')') {
				tokens.add(new Token(Kind.RPAREN, i, ")", 0, null));
				i++;
			}
			else if (isQuote(c)) {
				int close = i + 1;
				while (close < length && !isQuote(text.charAt(close))) {
					close++;
				}
				if (close >= length) {
					throw error("Unclosed quote at @: add the closing \"", i);
				}
				tokens.add(new Token(Kind.QUOTE, i, text.substring(i + 1, close), 0, null));
				i = close + 1;
			}
			else if (c == '-' && (i + 1 == length
					|| (!Character.isWhitespace(text.charAt(i + 1)) && text.charAt(i + 1) != '-'))) {
				tokens.add(new Token(Kind.MINUS, i, "-", 0, null));
				i++;
			}
			else {
				int end = i;
				while (end < length && !isDelimiter(text.charAt(end))) {
					end++;
				}
				String chunk = text.substring(i, end);
				int colon = chunk.indexOf(':');
				if (colon > 0 && isAsciiLetters(chunk.substring(0, colon))) {
					String name = chunk.substring(0, colon).toLowerCase(Locale.ROOT);
					boolean more = colon + 1 < chunk.length() || (end < length && !Character.isWhitespace(text.charAt(end)));
					if (name.equals("title") || name.equals("body")) {
						tokens.add(new Token(Kind.FIELD, i, chunk.substring(0, colon + 1), 0,
								name.equals("title") ? Field.TITLE : Field.BODY));
						i += colon + 1;
						continue;
					}
					if (more) {
						throw error("Unknown field \"%s\" at @: the fields are title: and body:", i,
								chunk.substring(0, colon + 1));
					}
				}
				tokens.add(operatorOrWord(chunk, i));
				i = end;
			}
		}
		return tokens;
	}

	private static boolean isAsciiLetters(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				return false;
			}
		}
		return !s.isEmpty();
	}

	private static Token operatorOrWord(String chunk, int position) throws QueryParseException {
		switch (chunk) {
			case "AND":
				return new Token(Kind.AND, position, chunk, 0, null);
			case "OR":
				return new Token(Kind.OR, position, chunk, 0, null);
			case "NOT":
				return new Token(Kind.NOT, position, chunk, 0, null);
			case "NEAR":
				return new Token(Kind.NEAR, position, chunk, DEFAULT_NEAR, null);
			default:
				break;
		}
		if (chunk.startsWith("NEAR/")) {
			String digits = chunk.substring(5);
			int distance = -1;
			if (!digits.isEmpty() && digits.length() <= 3 && digits.chars().allMatch(Character::isDigit)) {
				distance = Integer.parseInt(digits);
			}
			if (distance < 0 || distance > MAX_NEAR) {
				throw error("\"%s\" at @: NEAR/ takes a number of words from 0 to %d, as in NEAR/10",
						position, chunk, MAX_NEAR);
			}
			return new Token(Kind.NEAR, position, chunk, distance, null);
		}
		return new Token(Kind.WORD, position, chunk, 0, null);
	}

	// ---- grammar

	private Token peek() {
		return (this.next < this.tokens.size()) ? this.tokens.get(this.next) : null;
	}

	private boolean at(Kind kind) {
		Token token = peek();
		return token != null && token.kind() == kind;
	}

	private void needItemAfter(Token operator, String what) throws QueryParseException {
		Token following = peek();
		if (following == null || !following.startsItem()) {
			throw error("%s at @ needs a %s after it", operator.position(), operator.describe(), what);
		}
	}

	private QueryNode parseOr() throws QueryParseException {
		List<QueryNode> alternatives = new ArrayList<>();
		List<Integer> starts = new ArrayList<>();
		starts.add(startOfNext());
		alternatives.add(parseAnd());
		while (at(Kind.OR)) {
			Token or = this.tokens.get(this.next++);
			needItemAfter(or, "word or phrase");
			starts.add(startOfNext());
			alternatives.add(parseAnd());
		}
		if (alternatives.size() == 1) {
			return alternatives.get(0);
		}
		for (int i = 0; i < alternatives.size(); i++) {
			if (!alternatives.get(i).positive()) {
				throw error("The OR alternative at @ only excludes: each alternative needs a word or "
						+ "phrase to look for", starts.get(i));
			}
		}
		return new QueryNode.Or(alternatives);
	}

	private int startOfNext() {
		Token token = peek();
		return (token != null) ? token.position() : this.text.length();
	}

	private QueryNode parseAnd() throws QueryParseException {
		Token first = peek();
		if (first == null) {
			throw error("Something is missing at @", this.text.length());
		}
		if (first.kind() == Kind.AND || first.kind() == Kind.OR || first.kind() == Kind.NEAR) {
			throw error("%s at @ needs a word or phrase before it", first.position(), first.describe());
		}
		List<QueryNode> items = new ArrayList<>();
		items.add(parseUnary());
		while (true) {
			Token token = peek();
			if (token == null) {
				break;
			}
			if (token.kind() == Kind.AND) {
				this.next++;
				needItemAfter(token, "word or phrase");
				items.add(parseUnary());
			}
			else if (token.startsItem()) {
				items.add(parseUnary());
			}
			else {
				break;
			}
		}
		return (items.size() == 1) ? items.get(0) : new QueryNode.And(items);
	}

	private QueryNode parseUnary() throws QueryParseException {
		boolean negated = false;
		Token token = peek();
		while (token != null && (token.kind() == Kind.NOT || token.kind() == Kind.MINUS)) {
			this.next++;
			needItemAfter(token, "word or phrase");
			negated = !negated;
			token = peek();
		}
		QueryNode node = parseNear();
		if (!negated) {
			return node;
		}
		return (node instanceof QueryNode.Not not) ? not.child() : new QueryNode.Not(node);
	}

	private QueryNode parseNear() throws QueryParseException {
		QueryNode left = parsePrimary();
		if (!at(Kind.NEAR)) {
			return left;
		}
		Token near = this.tokens.get(this.next++);
		if (!(left instanceof QueryNode.Phrase leftPhrase)) {
			throw nearOperand(near, left);
		}
		Token following = peek();
		if (following == null || !(following.kind() == Kind.WORD || following.kind() == Kind.QUOTE
				|| following.kind() == Kind.FIELD || following.kind() == Kind.LPAREN)) {
			throw error("%s at @ needs a word or phrase after it", near.position(), near.describe());
		}
		QueryNode right = parsePrimary();
		if (!(right instanceof QueryNode.Phrase rightPhrase)) {
			throw nearOperand(near, right);
		}
		if (at(Kind.NEAR)) {
			Token second = peek();
			throw error("A second NEAR at @: NEAR joins exactly two words or phrases; "
					+ "combine pairs with AND, as in (a NEAR/5 b) AND (b NEAR/5 c)", second.position());
		}
		return new QueryNode.Near(leftPhrase, rightPhrase, near.number());
	}

	private static QueryParseException nearOperand(Token near, QueryNode operand) {
		if (operand instanceof QueryNode.InField field) {
			String name = field.field().name().toLowerCase(Locale.ROOT);
			return error("%s at @: put the field before the whole NEAR, as in %s:(a NEAR/5 b)",
					near.position(), near.describe(), name);
		}
		return error("%s at @ joins two words or phrases, not groups", near.position(), near.describe());
	}

	private QueryNode parsePrimary() throws QueryParseException {
		Token token = peek();
		if (token == null) {
			throw error("Something is missing at @", this.text.length());
		}
		switch (token.kind()) {
			case FIELD: {
				this.next++;
				Token following = peek();
				if (following == null || !(following.kind() == Kind.WORD || following.kind() == Kind.QUOTE
						|| following.kind() == Kind.LPAREN)) {
					throw error("%s at @ needs a word, phrase or group right after it",
							token.position(), token.describe());
				}
				QueryNode child = parsePrimary();
				if (containsField(child)) {
					throw error("A field inside %s at @: use one field per part of the query",
							token.position(), token.describe());
				}
				return new QueryNode.InField(token.field(), child);
			}
			case LPAREN: {
				this.next++;
				if (++this.depth > MAX_DEPTH) {
					throw error("Too many nested parentheses at @: use at most %s levels", token.position(), MAX_DEPTH);
				}
				if (at(Kind.RPAREN)) {
					throw error("Empty parentheses at @: put a word or phrase inside", token.position());
				}
				if (peek() == null) {
					throw error("Unclosed parenthesis at @: add a )", token.position());
				}
				QueryNode inner = parseOr();
				if (!at(Kind.RPAREN)) {
					throw error("Unclosed parenthesis at @: add a )", token.position());
				}
				this.next++;
				this.depth--;
				return inner;
			}
			case QUOTE: {
				this.next++;
				if (token.text().isBlank()) {
					throw error("Empty quotes at @: put a word or phrase between them", token.position());
				}
				List<QueryNode.Word> words = words(token.text(), token.position() + 1);
				if (words.isEmpty()) {
					throw error("Nothing to match in \"%s\" at @: use letters or digits", token.position(),
							token.text());
				}
				return new QueryNode.Phrase(words);
			}
			case WORD: {
				List<QueryNode.Word> words = new ArrayList<>();
				StringBuilder run = new StringBuilder();
				while (at(Kind.WORD)) {
					Token word = this.tokens.get(this.next++);
					words.addAll(words(word.text(), word.position()));
					run.append((run.length() > 0) ? " " : "").append(word.text());
				}
				if (words.isEmpty()) {
					throw error("Nothing to match in \"%s\" at @: use letters or digits",
							token.position(), run);
				}
				return new QueryNode.Phrase(words);
			}
			case RPAREN:
				throw error("Unmatched ) at @: remove it or add a ( before it", token.position());
			default:
				throw error("%s at @ needs a word or phrase before it", token.position(), token.describe());
		}
	}

	private static boolean containsField(QueryNode node) {
		if (node instanceof QueryNode.InField) {
			return true;
		}
		if (node instanceof QueryNode.And and) {
			return and.children().stream().anyMatch(QueryParser::containsField);
		}
		if (node instanceof QueryNode.Or or) {
			return or.children().stream().anyMatch(QueryParser::containsField);
		}
		if (node instanceof QueryNode.Not not) {
			return containsField(not.child());
		}
		return false;
	}

	/**
	 * The normalised words of some query text; {@code *} at the end of a word makes its last token a prefix.
	 * @param offset where {@code text} starts in the query, for messages
	 */
	static List<QueryNode.Word> words(String text, int offset) throws QueryParseException {
		List<QueryNode.Word> words = new ArrayList<>();
		int length = text.length();
		int i = 0;
		while (i < length) {
			if (Character.isWhitespace(text.charAt(i))) {
				i++;
				continue;
			}
			int end = i;
			while (end < length && !Character.isWhitespace(text.charAt(end))) {
				end++;
			}
			String piece = text.substring(i, end);
			int star = piece.indexOf('*');
			boolean prefix = false;
			if (star >= 0) {
				if (star != piece.length() - 1 || star == 0 || !isWordChar(piece.charAt(star - 1))) {
					throw error("* at @ must come right after the end of a word, as in sanction*",
							offset + i + ((star == piece.length() - 1 || star == 0) ? star : piece.indexOf('*', star)));
				}
				prefix = true;
				piece = piece.substring(0, star);
			}
			TextTokens tokens = TextTokens.of(piece);
			for (int t = 0; t < tokens.size(); t++) {
				boolean last = t == tokens.size() - 1;
				String form = tokens.form(t);
				boolean cjk = tokens.cjk(t);
				if (prefix && last && !cjk) {
					if (form.length() < MIN_PREFIX) {
						throw error("The prefix \"%s\" at @ is too short: put at least %d letters before *",
								offset + i, piece + "*", MIN_PREFIX);
					}
					words.add(new QueryNode.Word(form, form, true, false, false));
				}
				else {
					boolean acronym = !cjk && tokens.upper(t) && form.length() >= 2 && form.length() <= 3
							&& isAsciiLetters(form);
					words.add(new QueryNode.Word(tokens.key(t), form, false, acronym, cjk));
				}
			}
			if (prefix && tokens.size() == 0) {
				throw error("The prefix \"%s\" at @ is too short: put at least %d letters before *",
						offset + i, piece + "*", MIN_PREFIX);
			}
			i = end;
		}
		return words;
	}

	private static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c);
	}

}
