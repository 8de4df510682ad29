package policywatch.ingest.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The SSRF guard refused an address. An {@link UnknownHostException} so that OkHttp reports it
 * as-is from its DNS and connect phases.
 */
final class AddressRefusedException extends UnknownHostException {

	AddressRefusedException(InetAddress address, String kind) {
		super("address " + address.getHostAddress() + " is " + kind + " (refused)");
	}

}
