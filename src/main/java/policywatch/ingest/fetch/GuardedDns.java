package policywatch.ingest.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import okhttp3.Dns;

/**
 * Resolves host names and drops every address the policy refuses; when none is left the lookup
 * fails with the reason. (Literal IP hosts skip DNS in OkHttp: {@link GuardedSocketFactory} checks
 * every address again at connect time.)
 */
final class GuardedDns implements Dns {

	private final Dns delegate;

	private final AddressPolicy policy;

	GuardedDns(Dns delegate, AddressPolicy policy) {
		this.delegate = delegate;
		this.policy = policy;
	}

	@Override
	public List<InetAddress> lookup(String hostname) throws UnknownHostException {
		List<InetAddress> resolved = this.delegate.lookup(hostname);
		List<InetAddress> allowed = new ArrayList<>(resolved.size());
		AddressRefusedException first = null;
		for (InetAddress address : resolved) {
			String refusal = this.policy.refusal(address);
			if (refusal == null) {
				allowed.add(address);
			}
			else if (first == null) {
				first = new AddressRefusedException(address, refusal);
			}
		}
		if (allowed.isEmpty()) {
			throw (first != null) ? first : new UnknownHostException("unknown host " + hostname);
		}
		return allowed;
	}

}
