package policywatch.ingest.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.SocketFactory;

/**
 * Creates sockets that check the address actually connected to against the policy, right before
 * connecting. This is the last line of the SSRF guard: it holds for literal IP hosts, every
 * redirect hop and whatever DNS answered.
 */
final class GuardedSocketFactory extends SocketFactory {

	private final AddressPolicy policy;

	GuardedSocketFactory(AddressPolicy policy) {
		this.policy = policy;
	}

	@Override
	public Socket createSocket() {
		return new GuardedSocket(this.policy);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localHost, localPort));
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localAddress, localPort));
		socket.connect(new InetSocketAddress(address, port));
		return socket;
	}

	private static final class GuardedSocket extends Socket {

		private final AddressPolicy policy;

		GuardedSocket(AddressPolicy policy) {
			this.policy = policy;
		}

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			if (endpoint instanceof InetSocketAddress inet) {
				InetAddress address = inet.getAddress();
				if (address == null) {
					throw new java.net.UnknownHostException("unknown host " + inet.getHostString());
				}
				String refusal = this.policy.refusal(address);
				if (refusal != null) {
					throw new AddressRefusedException(address, refusal);
				}
			}
			super.connect(endpoint, timeout);
		}

	}

}
