package policywatch.dedupe;
public class Dbg {
	public static void main(String[] a) {
		java.util.SplittableRandom r = new java.util.SplittableRandom(1);
		int n = 5000;
		String[] texts = new String[n];
		String[] vocab = new String[30000];
		for (int i = 0; i < vocab.length; i++) { StringBuilder w = new StringBuilder(); int k = i + 1; while (k > 0) { w.append((char) ('a' + k % 26)); k /= 26; } vocab[i] = w.toString(); }
		for (int i = 0; i < n; i++) { StringBuilder t = new StringBuilder(); for (int k = 0; k < 400; k++) { int z = (int) Math.min(29999, Math.exp(r.nextDouble() * Math.log(30000))); t.append(vocab[z]).append(' '); if (k % 60 == 59) t.append(r.nextInt(1000)).append(". "); } texts[i] = t.toString(); }
		var threads = java.lang.management.ManagementFactory.getThreadMXBean();
		WordScanner scanner = new WordScanner();
		long[] sum = {0};
		for (int round = 0; round < 5; round++) {
			long t0 = threads.getCurrentThreadCpuTime();
			for (String t : texts) scanner.scan(t, (h, f, l) -> { sum[0] += h; return true; });
			long t1 = threads.getCurrentThreadCpuTime();
			for (String t : texts) sum[0] += Fingerprinter.of("Title 1", t).shingles();
			long t2 = threads.getCurrentThreadCpuTime();
			for (String t : texts) sum[0] += policywatch.query.Words.keys(t).length;
			long t3 = threads.getCurrentThreadCpuTime();
			System.out.printf("scan %.1f us, fingerprint %.1f us, Words.keys %.1f us (chars %d)%n", (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, texts[0].length());
		}
		System.out.println(sum[0]);
	}
}
