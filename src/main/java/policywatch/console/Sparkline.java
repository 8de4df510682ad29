package policywatch.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A small bar chart of daily counts, drawn by the page as inline SVG (no script needed).
 *
 * @param bars one bar per day, oldest first
 * @param total the sum of the counts
 * @param width the chart's width in SVG units
 * @param height the chart's height in SVG units
 * @param label a text alternative ("3 new entries in 14 days, most 2 on 2026-11-30")
 */
record Sparkline(List<Bar> bars, int total, int width, int height, String label) {

	static final int BAR = 6;

	static final int GAP = 2;

	static final int HEIGHT = 24;

	/**
	 * @param counts the counts, oldest first
	 * @param firstDay the day of the first count
	 */
	static Sparkline of(int[] counts, LocalDate firstDay) {
		int max = 0;
		int total = 0;
		int maxDay = 0;
		for (int i = 0; i < counts.length; i++) {
			total += counts[i];
			if (counts[i] > max) {
				max = counts[i];
				maxDay = i;
			}
		}
		List<Bar> bars = new ArrayList<>(counts.length);
		for (int i = 0; i < counts.length; i++) {
			// a day without entries still shows a 1-unit baseline, so the days can be counted
			int height = (max == 0 || counts[i] == 0) ? 1 : Math.max(2, Math.round((float) counts[i] * HEIGHT / max));
			bars.add(new Bar(i * (BAR + GAP), HEIGHT - height, height, counts[i] == 0,
					firstDay.plusDays(i) + ": " + counts[i]));
		}
		String label = total + ((total == 1) ? " new entry" : " new entries") + " in " + counts.length + " days"
				+ ((max > 0) ? ", most " + max + " on " + firstDay.plusDays(maxDay) : "");
		return new Sparkline(bars, total, Math.max(0, counts.length * (BAR + GAP) - GAP), HEIGHT, label);
	}

	/**
	 * @param x left edge
	 * @param y top edge
	 * @param height height
	 * @param empty whether the day had no entries
	 * @param title the day and its count
	 */
	record Bar(int x, int y, int height, boolean empty, String title) {
	}

}
