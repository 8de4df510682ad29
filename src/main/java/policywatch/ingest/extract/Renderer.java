package policywatch.ingest.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Renders elements as plain text paragraphs: block elements start new paragraphs, {@code <br>}
 * breaks a line (two in a row break the paragraph), whitespace is collapsed except in
 * {@code <pre>}.
 */
final class Renderer {

	private final Predicate<Element> skip;

	private final List<String> paragraphs = new ArrayList<>();

	/** Indexes into {@link #paragraphs} of those that are headings. */
	private final Set<Integer> headings = new HashSet<>();

	private final StringBuilder current = new StringBuilder();

	private int preDepth;

	private final TimeBudget budget;

	Renderer(Predicate<Element> skip) {
		this(skip, TimeBudget.unlimited());
	}

	Renderer(Predicate<Element> skip, TimeBudget budget) {
		this.skip = skip;
		this.budget = budget;
	}

	void render(Node node) {
		this.budget.check();
		if (node instanceof TextNode text) {
			append(text.getWholeText());
			return;
		}
		if (!(node instanceof Element element)) {
			return;
		}
		if (this.skip.test(element)) {
			if (MainContent.BLOCK_TAGS.contains(element.normalName())) {
				flush();
			}
			return;
		}
		String tag = element.normalName();
		if (tag.equals("br")) {
			lineBreak();
			return;
		}
		boolean block = MainContent.BLOCK_TAGS.contains(tag);
		if (block) {
			flush();
		}
		boolean pre = tag.equals("pre");
		if (pre) {
			this.preDepth++;
		}
		for (Node child : element.childNodes()) {
			render(child);
		}
		if (pre) {
			this.preDepth--;
		}
		if (block) {
			int before = this.paragraphs.size();
			flush();
			if (this.paragraphs.size() > before && tag.length() == 2 && tag.charAt(0) == 'h'
					&& Character.isDigit(tag.charAt(1))) {
				this.headings.add(before);
			}
		}
	}

	/**
	 * @return the paragraphs without headings at the end (a heading with nothing under it
	 * introduced something that was left out)
	 */
	/** @return whether the paragraph at that index (of {@link #paragraphs()}) is a heading */
	boolean isHeading(int index) {
		return this.headings.contains(index);
	}

	List<String> paragraphsWithoutTrailingHeadings() {
		List<String> result = new ArrayList<>(paragraphs());
		while (!result.isEmpty() && this.headings.contains(result.size() - 1)) {
			result.remove(result.size() - 1);
		}
		return result;
	}

	private void append(String text) {
		if (this.preDepth > 0) {
			this.current.append(text);
			return;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (TextMeasure.isSpace(c) || Character.isWhitespace(c)) {
				int length = this.current.length();
				if (length > 0 && this.current.charAt(length - 1) != ' ' && this.current.charAt(length - 1) != '\n') {
					this.current.append(' ');
				}
			}
			else if (c != '\u00AD' && c != '\u200B') {
				this.current.append(c);
			}
		}
	}

	private void lineBreak() {
		int length = this.current.length();
		while (length > 0 && this.current.charAt(length - 1) == ' ') {
			this.current.setLength(--length);
		}
		if (length == 0) {
			return;
		}
		if (this.current.charAt(length - 1) == '\n') {
			flush();
		}
		else {
			this.current.append('\n');
		}
	}

	void flush() {
		String text = this.current.toString().strip();
		this.current.setLength(0);
		if (text.isEmpty()) {
			return;
		}
		if (this.preDepth == 0) {
			text = withoutSpacesAroundLineBreaks(text);
		}
		this.paragraphs.add(text);
	}

	/** Drops the spaces before and after each line break, in one pass. */
	static String withoutSpacesAroundLineBreaks(String text) {
		if (text.indexOf('\n') < 0) {
			return text;
		}
		StringBuilder result = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				int end = result.length();
				while (end > 0 && result.charAt(end - 1) == ' ') {
					end--;
				}
				result.setLength(end);
				result.append('\n');
				while (i + 1 < text.length() && text.charAt(i + 1) == ' ') {
					i++;
				}
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

	List<String> paragraphs() {
		flush();
		return this.paragraphs;
	}

}
