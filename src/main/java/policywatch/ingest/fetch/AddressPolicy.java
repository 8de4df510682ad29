package policywatch.ingest.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Decides which IP addresses the fetcher may connect to (the SSRF guard).
 */
@FunctionalInterface
interface AddressPolicy {

	/** Every address is allowed ({@code allow-private-networks=true}). */
	AddressPolicy ALLOW_ALL = (address) -> null;

	/** Only public unicast addresses are allowed. */
	AddressPolicy PUBLIC_ONLY = AddressPolicy::classify;

	/**
	 * @param address an address about to be connected to
	 * @return {@code null} when allowed, else the kind of address it is (e.g. "private")
	 */
	String refusal(InetAddress address);

	/**
	 * @param address an address
	 * @return {@code null} for a public unicast address, else its kind: loopback, private,
	 * link-local, shared (CGNAT), unique-local, multicast, unspecified or reserved
	 */
	static String classify(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return classifyV4(bytes, 0);
		}
		if (address instanceof Inet6Address) {
			return classifyV6(bytes);
		}
		return "unknown";
	}

	private static String classifyV4(byte[] b, int off) {
		int a0 = b[off] & 0xff;
		int a1 = b[off + 1] & 0xff;
		int a2 = b[off + 2] & 0xff;
		if (a0 == 0) {
			return "unspecified";
		}
		if (a0 == 127) {
			return "loopback";
		}
		if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
			return "private";
		}
		if (a0 == 169 && a1 == 254) {
			return "link-local";
		}
		if (a0 == 100 && (a1 & 0xc0) == 64) {
			return "shared (CGNAT)";
		}
		if (a0 >= 224 && a0 <= 239) {
			return "multicast";
		}
		if (a0 >= 240) {
			return "reserved";
		}
		if ((a0 == 192 && a1 == 0 && a2 == 0) || (a0 == 198 && (a1 & 0xfe) == 18)) {
			return "reserved";
		}
		return null;
	}

	private static String classifyV6(byte[] b) {
		boolean first10Zero = true;
		for (int i = 0; i < 10; i++) {
			if (b[i] != 0) {
				first10Zero = false;
				break;
			}
		}
		if (first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
			return classifyV4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
		}
		if (first10Zero && b[10] == 0 && b[11] == 0) {
			boolean allZero = true;
			for (int i = 12; i < 15; i++) {
				allZero &= (b[i] == 0);
			}
			if (allZero && b[15] == 0) {
				return "unspecified";
			}
			if (allZero && b[15] == 1) {
				return "loopback";
			}
			return classifyV4(b, 12); // IPv4-compatible ::a.b.c.d (deprecated)
		}
		int b0 = b[0] & 0xff;
		int b1 = b[1] & 0xff;
		if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
			return classifyV4(b, 12); // NAT64 64:ff9b::/96
		}
		if (b0 == 0x20 && b1 == 0x02) {
			return classifyV4(b, 2); // 6to4 2002::/16
		}
		if (b0 == 0xff) {
			return "multicast";
		}
		if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
			return "link-local";
		}
		if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
			return "private"; // site-local (deprecated)
		}
		if ((b0 & 0xfe) == 0xfc) {
			return "unique-local";
		}
		if (b0 == 0x20 && b1 == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
			return "reserved"; // documentation 2001:db8::/32
		}
		return null;
	}

}
