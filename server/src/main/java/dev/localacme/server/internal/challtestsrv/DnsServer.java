package dev.localacme.server.internal.challtestsrv;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/**
 * A DNS server on one address, UDP and TCP on the same port (RFC 1035 section 4.2, RFC 7766),
 * answering with a {@link DnsResponder}. UDP answers that do not fit the size the client advertised
 * (512 bytes, or its EDNS payload size) are truncated with TC set, so clients retry over TCP.
 */
final class DnsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
  private static final int READ_TIMEOUT_MS = 1000;

  private final DnsResponder responder;
  private final ExecutorService executor;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private volatile boolean closed;

  private DnsServer(
      DnsResponder responder, ExecutorService executor, DatagramSocket udp, ServerSocket tcp) {
    this.responder = responder;
    this.executor = executor;
    this.udp = udp;
    this.tcp = tcp;
  }

  /** Binds UDP and TCP; port 0 picks one port free for both. */
  static DnsServer start(
      InetSocketAddress address, DnsResponder responder, ExecutorService executor)
      throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      DatagramSocket udp = new DatagramSocket(address);
      ServerSocket tcp = new ServerSocket();
      try {
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(address.getAddress(), udp.getLocalPort()), 50);
      } catch (IOException e) {
        udp.close();
        tcp.close();
        last = e;
        if (address.getPort() != 0) {
          throw e;
        }
        continue;
      }
      DnsServer server = new DnsServer(responder, executor, udp, tcp);
      server.thread("udp", server::serveUdp);
      server.thread("tcp", server::acceptTcp);
      return server;
    }
    throw last;
  }

  int port() {
    return udp.getLocalPort();
  }

  private void thread(String kind, Runnable loop) {
    Thread thread = new Thread(loop, "challtestsrv-dns-" + kind + "-" + port());
    thread.setDaemon(true);
    thread.start();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        byte[] answer = responder.answer(query).toWire(udpLimit(query));
        udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
      } catch (SocketException e) {
        if (!closed) {
          LOG.warn("DNS over UDP on port {} stopped: {}", port(), e.getMessage());
        }
        return;
      } catch (IOException | RuntimeException e) {
        // A datagram that is no DNS message gets no answer, as with any DNS server.
        LOG.debug("ignoring a bad DNS datagram: {}", e.toString());
      }
    }
  }

  private void acceptTcp() {
    while (!closed) {
      try {
        Socket socket = tcp.accept();
        executor.execute(() -> serveTcp(socket));
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("DNS over TCP on port {} stopped: {}", port(), e.getMessage());
        }
        return;
      }
    }
  }

  private void serveTcp(Socket socket) {
    try (socket) {
      socket.setSoTimeout(READ_TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException e) {
          return;
        }
        byte[] query = in.readNBytes(length);
        byte[] answer = responder.answer(new Message(query)).toWire();
        // One write for length and message: two small segments would wait on delayed ACKs.
        ByteBuffer framed = ByteBuffer.allocate(2 + answer.length);
        framed.putShort((short) answer.length).put(answer);
        out.write(framed.array());
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("DNS over TCP connection ended: {}", e.toString());
    }
  }

  private static int udpLimit(Message query) {
    OPTRecord opt = query.getOPT();
    return opt == null ? 512 : Math.max(512, opt.getPayloadSize());
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
