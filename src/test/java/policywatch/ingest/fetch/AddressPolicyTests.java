package policywatch.ingest.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressPolicyTests {

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(textBlock = """
			127.0.0.1,        loopback
			127.255.0.9,      loopback
			10.0.0.5,         private
			172.16.0.1,       private
			172.31.255.255,   private
			192.168.1.1,      private
			169.254.169.254,  link-local
			100.64.0.1,       shared (CGNAT)
			100.127.255.254,  shared (CGNAT)
			0.0.0.0,          unspecified
			224.0.0.251,      multicast
			255.255.255.255,  reserved
			::1,              loopback
			::,               unspecified
			fe80::1,          link-local
			fc00::1,          unique-local
			fd12:3456::1,     unique-local
			ff02::1,          multicast
			64:ff9b::a00:5,   private
			2002:a00:5::1,    private
			""")
	void refusesNonPublicAddresses(String address, String kind) throws Exception {
		assertThat(AddressPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName(address))).isEqualTo(kind);
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "169.253.1.1", "2606:4700::1111",
			"2a00:1450:4001::200e" })
	void allowsPublicAddresses(String address) throws Exception {
		assertThat(AddressPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName(address))).isNull();
	}

	@Test
	void ipv4MappedAndCompatibleIpv6AddressesAreCheckedAsIpv4() throws Exception {
		byte[] mapped = new byte[16];
		mapped[10] = (byte) 0xff;
		mapped[11] = (byte) 0xff;
		mapped[12] = (byte) 169;
		mapped[13] = (byte) 254;
		mapped[14] = (byte) 169;
		mapped[15] = (byte) 254;
		// kept as an Inet6Address (Java turns InetAddress.getByName("::ffff:…") into IPv4 itself)
		Inet6Address v6 = Inet6Address.getByAddress(null, mapped, -1);
		assertThat(AddressPolicy.PUBLIC_ONLY.refusal(v6)).isEqualTo("link-local");
		byte[] compatible = new byte[16];
		compatible[12] = 10;
		compatible[15] = 1;
		assertThat(AddressPolicy.PUBLIC_ONLY.refusal(Inet6Address.getByAddress(null, compatible, -1))).isEqualTo("private");
	}

	@Test
	void allowAllAllowsEverything() throws Exception {
		assertThat(AddressPolicy.ALLOW_ALL.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
	}

}
