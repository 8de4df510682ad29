package policywatch.ingest.extract.pdf;

import java.io.IOException;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a PDF document (a decision, a fact sheet, a communiqué linked from a feed), read
 * with Apache PDFBox: the only place that uses it. Reads at most a given number of pages within a
 * time budget, in the order of the document's content (a two-column page reads column by column).
 * Thread-safe and stateless.
 */
public final class PdfText {

	/** Operators between two looks at the clock. */
	private static final int CHECK_EVERY = 1024;

	private PdfText() {
	}

	/**
	 * @param body the response body
	 * @param contentType the Content-Type header, or {@code null}
	 * @return whether the body is a PDF document (by its signature, or by its type)
	 */
	public static boolean isPdf(byte[] body, String contentType) {
		if (contentType != null) {
			String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
			if (mime.equals("application/pdf") || mime.equals("application/x-pdf")) {
				return true;
			}
		}
		// the signature may follow a little junk (the format allows it within the first kilobyte)
		int limit = Math.min(body.length - 4, 1024);
		for (int i = 0; i < limit; i++) {
			if (body[i] == '%' && body[i + 1] == 'P' && body[i + 2] == 'D' && body[i + 3] == 'F'
					&& body[i + 4] == '-') {
				return true;
			}
		}
		return false;
	}

	/**
	 * Reads the text of a PDF.
	 * @param body the document, already within the page size limit
	 * @param maxPages the most pages read
	 * @param deadline the {@code nanoTime} reading past which reading stops
	 * @param nanoTime the clock ({@link System#nanoTime()})
	 * @return the document's text and what it states about itself
	 * @throws PdfException when the document is encrypted, has no text layer (scanned), is broken
	 * or takes longer than its budget
	 */
	public static Document read(byte[] body, int maxPages, long deadline, LongSupplier nanoTime) throws PdfException {
		try (PDDocument document = Loader.loadPDF(body)) {
			if (document.isEncrypted() && !document.getCurrentAccessPermission().canExtractContent()) {
				throw new PdfException("PDF is encrypted and does not allow text extraction");
			}
			int pages = document.getNumberOfPages();
			if (pages == 0) {
				throw new PdfException("PDF has no pages");
			}
			Stripper stripper = new Stripper(deadline, nanoTime);
			stripper.setSortByPosition(false);
			stripper.setStartPage(1);
			stripper.setEndPage(Math.min(pages, maxPages));
			stripper.setLineSeparator("\n");
			stripper.setParagraphStart("");
			stripper.setParagraphEnd("\n\n");
			String raw = stripper.getText(document);
			String text = paragraphs(raw);
			if (text.isBlank()) {
				throw new PdfException("PDF has no text layer (scanned?)");
			}
			PDDocumentInformation info = document.getDocumentInformation();
			return new Document(blankToNull(info.getTitle()), text, instant(info.getCreationDate()),
					blankToNull(info.getAuthor()), blankToNull(document.getDocumentCatalog().getLanguage()),
					Math.min(pages, maxPages), pages);
		}
		catch (InvalidPasswordException ex) {
			throw new PdfException("PDF is encrypted with a password");
		}
		catch (OverBudget ex) {
			throw new PdfException("PDF text extraction took longer than its budget");
		}
		catch (IOException | RuntimeException ex) {
			throw new PdfException("PDF is broken: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
		catch (StackOverflowError ex) {
			// objects nested deeper than the parser's recursion can follow
			throw new PdfException("PDF is broken: objects nested too deeply");
		}
	}

	/**
	 * Joins the lines of each paragraph (a line break inside a paragraph is layout, not meaning) and
	 * mends words hyphenated at a line end.
	 */
	static String paragraphs(String raw) {
		StringBuilder result = new StringBuilder(raw.length());
		for (String block : raw.split("\n\n")) {
			StringBuilder paragraph = new StringBuilder();
			for (String rawLine : block.split("\n")) {
				String line = rawLine.strip();
				if (line.isEmpty()) {
					continue;
				}
				int length = paragraph.length();
				if (length == 0) {
					paragraph.append(line);
				}
				else if (length > 1 && paragraph.charAt(length - 1) == '-'
						&& Character.isLetter(paragraph.charAt(length - 2)) && Character.isLowerCase(line.charAt(0))) {
					paragraph.setLength(length - 1);
					paragraph.append(line);
				}
				else {
					paragraph.append(' ').append(line);
				}
			}
			String text = collapse(paragraph);
			if (!text.isEmpty()) {
				result.append(result.isEmpty() ? "" : "\n\n").append(text);
			}
		}
		return result.toString();
	}

	private static String collapse(CharSequence text) {
		StringBuilder result = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c) || c == '\u00A0') {
				if (!result.isEmpty() && result.charAt(result.length() - 1) != ' ') {
					result.append(' ');
				}
			}
			else if (c != '\u0000') {
				result.append(c);
			}
		}
		return result.toString().strip();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : collapse(value);
	}

	private static Instant instant(Calendar calendar) {
		return (calendar != null) ? calendar.toInstant() : null;
	}

	/**
	 * What was read from a PDF.
	 *
	 * @param title the title in the document information, or {@code null}
	 * @param text the text, paragraphs separated by blank lines
	 * @param created the creation date, or {@code null}
	 * @param author the author, or {@code null}
	 * @param language the document language, or {@code null}
	 * @param pagesRead the pages read
	 * @param pages the pages in the document
	 */
	public record Document(String title, String text, Instant created, String author, String language, int pagesRead,
			int pages) {
	}

	/** The PDF cannot be read as text: encrypted, scanned, broken, or too slow. */
	public static final class PdfException extends Exception {

		PdfException(String message) {
			super(message);
		}

	}

	private static final class OverBudget extends RuntimeException {

		OverBudget() {
			super(null, null, false, false);
		}

	}

	/** The text stripper, looking at the clock between pages and every so many operators. */
	private static final class Stripper extends PDFTextStripper {

		private final long deadline;

		private final LongSupplier nanoTime;

		private int operators;

		Stripper(long deadline, LongSupplier nanoTime) {
			this.deadline = deadline;
			this.nanoTime = nanoTime;
		}

		@Override
		protected void startPage(PDPage page) throws IOException {
			check();
			super.startPage(page);
		}

		@Override
		protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
			if (++this.operators % CHECK_EVERY == 0) {
				check();
			}
			super.processOperator(operator, operands);
		}

		private void check() {
			if (this.nanoTime.getAsLong() - this.deadline > 0) {
				throw new OverBudget();
			}
		}

	}

}
