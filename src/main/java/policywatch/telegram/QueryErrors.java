package policywatch.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import policywatch.query.QueryParseException;

/**
 * A query's parse error in the chat's language, with its position (1-based, as in the English
 * text). The query module's English templates are the keys of the translations; an error this table
 * does not know yet is shown in English, still with its position.
 */
final class QueryErrors {

	private static final Map<String, String> KEYS = Map.ofEntries(Map.entry("The query is empty", "bot.query.empty"),
			Map.entry("The query only excludes: add a word or phrase to look for, as in: sanctions NOT russia",
					"bot.query.onlyExcludes"),
			Map.entry("Unmatched ) at @: remove it or add a ( before it", "bot.query.unmatchedClose"),
			Map.entry("Unclosed quote at @: add the closing \"", "bot.query.unclosedQuote"),
			Map.entry("Unknown field \"%s\" at @: the fields are title: and body:", "bot.query.unknownField"),
			Map.entry("\"%s\" at @: NEAR/ takes a number of words from 0 to %d, as in NEAR/10", "bot.query.nearNumber"),
			Map.entry("%s at @ needs a %s after it", "bot.query.needsWordAfter"),
			Map.entry("The OR alternative at @ only excludes: each alternative needs a word or phrase to look for",
					"bot.query.orExcludes"),
			Map.entry("Something is missing at @", "bot.query.missing"),
			Map.entry("%s at @ needs a word or phrase before it", "bot.query.needsWordBefore"),
			Map.entry("%s at @ needs a word or phrase after it", "bot.query.needsWordAfter"),
			Map.entry("A second NEAR at @: NEAR joins exactly two words or phrases; "
					+ "combine pairs with AND, as in (a NEAR/5 b) AND (b NEAR/5 c)", "bot.query.secondNear"),
			Map.entry("%s at @: put the field before the whole NEAR, as in %s:(a NEAR/5 b)", "bot.query.fieldInNear"),
			Map.entry("%s at @ joins two words or phrases, not groups", "bot.query.nearGroups"),
			Map.entry("%s at @ needs a word, phrase or group right after it", "bot.query.needsRightAfter"),
			Map.entry("A field inside %s at @: use one field per part of the query", "bot.query.fieldInField"),
			Map.entry("Too many nested parentheses at @: use at most %s levels", "bot.query.tooDeep"),
			Map.entry("Empty parentheses at @: put a word or phrase inside", "bot.query.emptyParentheses"),
			Map.entry("Unclosed parenthesis at @: add a )", "bot.query.unclosedParenthesis"),
			Map.entry("Empty quotes at @: put a word or phrase between them", "bot.query.emptyQuotes"),
			Map.entry("Nothing to match in \"%s\" at @: use letters or digits", "bot.query.nothingToMatch"),
			Map.entry("* at @ must come right after the end of a word, as in sanction*", "bot.query.starPlacement"),
			Map.entry("The prefix \"%s\" at @ is too short: put at least %d letters before *", "bot.query.shortPrefix"));

	private QueryErrors() {
	}

	/**
	 * @return the error as plain text (not yet escaped) in {@code locale}
	 */
	static String describe(BotText text, Locale locale, QueryParseException ex) {
		String key = KEYS.get(ex.template());
		if (key == null) {
			return ex.getMessage();
		}
		if (!ex.template().contains("@") && ex.arguments().isEmpty()) {
			return text.get(locale, key);
		}
		List<Object> args = new ArrayList<>();
		args.add(ex.position() + 1);
		args.addAll(ex.arguments());
		return text.get(locale, key, args.toArray());
	}

	/**
	 * @return the templates this table translates, for tests
	 */
	static java.util.Set<String> templates() {
		return KEYS.keySet();
	}

}
