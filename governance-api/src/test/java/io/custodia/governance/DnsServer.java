package io.custodia.governance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal authoritative DNS server over UDP (RFC 1035) that answers TXT queries for the names a test publishes, so
 * the DNS proof of site ownership runs against a real resolver exchange, not a mock.
 */
public final class DnsServer implements AutoCloseable {

    private static final int TXT = 16;
    private final DatagramSocket socket;
    private final Map<String, String> txt = new ConcurrentHashMap<>();
    private final Thread loop;

    public DnsServer() {
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loop = Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
    }

    public void publishTxt(String name, String value) {
        txt.put(name.toLowerCase(Locale.ROOT), value);
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] answer = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private byte[] answer(ByteBuffer query) {
        short id = query.getShort(0);
        int position = 12;
        StringBuilder name = new StringBuilder();
        for (int length = query.get(position) & 0xff; length > 0; length = query.get(position) & 0xff) {
            name.append(name.isEmpty() ? "" : ".")
                    .append(new String(query.array(), query.arrayOffset() + position + 1, length, StandardCharsets.US_ASCII));
            position += length + 1;
        }
        int questionEnd = position + 1 + 4;
        int type = query.getShort(position + 1) & 0xffff;
        String value = type == TXT ? txt.get(name.toString().toLowerCase(Locale.ROOT)) : null;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(12);
        header.putShort(id).putShort((short) (value == null ? 0x8183 : 0x8180)).putShort((short) 1)
                .putShort((short) (value == null ? 0 : 1)).putShort((short) 0).putShort((short) 0);
        out.writeBytes(header.array());
        out.write(query.array(), query.arrayOffset() + 12, questionEnd - 12);
        if (value != null) {
            byte[] text = value.getBytes(StandardCharsets.US_ASCII);
            ByteBuffer record = ByteBuffer.allocate(12 + 1 + text.length);
            record.putShort((short) 0xC00C).putShort((short) TXT).putShort((short) 1).putInt(60)
                    .putShort((short) (1 + text.length)).put((byte) text.length).put(text);
            out.writeBytes(record.array());
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
        loop.interrupt();
    }
}
