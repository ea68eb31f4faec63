package io.meterflow.mbus.component;

import io.meterflow.mbus.codec.SecondaryAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * An M-Bus-to-TCP gateway with meters behind it, for tests: each meter answers SND_NKE with E5,
 * REQ_UD2 with its next telegram (a repeat when FCB was not toggled), and selection by
 * secondary address with E5. When several meters match a selection, the simulator sends what a
 * collision on the bus gives: bytes that are no frame.
 */
public final class SimulatedMbusSlave implements AutoCloseable {

    /** One meter: its primary address and the telegrams of its readout. */
    public static final class Meter {
        final int primary;
        final List<byte[]> telegrams;
        final SecondaryAddress address;
        int index = -1;
        Boolean lastFcb;
        boolean selected;
        int requests;

        public Meter(int primary, List<byte[]> telegrams) {
            this.primary = primary;
            this.telegrams = telegrams;
            this.address = SecondaryAddress.fromHeader(telegrams.get(0), 7);
        }

        byte[] next(boolean fcb) {
            requests++;
            if (lastFcb == null || lastFcb != fcb || index < 0) {
                index = (index + 1) % telegrams.size();
            }
            lastFcb = fcb;
            return telegrams.get(index);
        }

        void reset() {
            index = -1;
            lastFcb = null;
        }

        public int requests() {
            return requests;
        }
    }

    private final ServerSocket server;
    private final List<Meter> meters;
    private final Thread thread;
    /** Requests to ignore before answering again, to exercise retries. */
    private volatile int dropNext;

    public SimulatedMbusSlave(List<Meter> meters) throws IOException {
        this.meters = new ArrayList<>(meters);
        this.server = new ServerSocket(0);
        this.thread = new Thread(this::serve, "simulated-mbus-gateway");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public void dropNextRequests(int n) {
        dropNext = n;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                session(s.getInputStream(), s.getOutputStream());
            } catch (IOException e) {
                // connection closed by the master or the server: wait for the next one
            }
        }
    }

    private void session(InputStream in, OutputStream out) throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            byte[] frame;
            if (first == 0x10) {
                frame = concat(first, in.readNBytes(4));
            } else if (first == 0x68) {
                byte[] head = in.readNBytes(3);
                frame = concat(first, concat(head, in.readNBytes((head[0] & 0xFF) + 2)));
            } else {
                continue;
            }
            if (dropNext > 0) {
                dropNext--;
                continue;
            }
            byte[] answer = answer(frame);
            if (answer != null) {
                out.write(answer);
                out.flush();
            }
        }
    }

    private synchronized byte[] answer(byte[] f) {
        if (f[0] == 0x10) {
            int c = f[1] & 0xFF;
            int a = f[2] & 0xFF;
            List<Meter> addressed = addressed(a);
            if (c == 0x40) {
                if (a == 0xFF || addressed.isEmpty()) {
                    return null;
                }
                addressed.forEach(Meter::reset);
                if (a == 0xFD) {
                    addressed.forEach(m -> m.selected = false);
                }
                return addressed.size() == 1 ? new byte[] {(byte) 0xE5} : new byte[] {(byte) 0xFF, 0x00};
            }
            if ((c & 0xDF) == 0x5B) {
                if (addressed.isEmpty()) {
                    return null;
                }
                if (addressed.size() > 1) {
                    return new byte[] {(byte) 0xFF, 0x00, 0x12};
                }
                return addressed.get(0).next((c & 0x20) != 0);
            }
            return null;
        }
        if ((f[4] & 0xFF) == 0x53 && (f[5] & 0xFF) == 0xFD && (f[6] & 0xFF) == 0x52) {
            List<Meter> matching = new ArrayList<>();
            for (Meter m : meters) {
                m.selected = matches(f, m.address);
                if (m.selected) {
                    matching.add(m);
                }
            }
            if (matching.isEmpty()) {
                return null;
            }
            return matching.size() == 1 ? new byte[] {(byte) 0xE5} : new byte[] {(byte) 0xFF, 0x00};
        }
        return null;
    }

    private List<Meter> addressed(int a) {
        List<Meter> out = new ArrayList<>();
        for (Meter m : meters) {
            if ((a == 0xFD && m.selected) || m.primary == a) {
                out.add(m);
            }
        }
        return out;
    }

    /** Compares the select frame's address with a meter's, F nibbles and FF bytes as wildcards. */
    private static boolean matches(byte[] f, SecondaryAddress address) {
        String id = address.id();
        for (int i = 0; i < 4; i++) {
            int b = f[7 + i] & 0xFF;
            int digitsAt = 6 - 2 * i;
            if (!nibble(b >> 4, id.charAt(digitsAt)) || !nibble(b & 0xF, id.charAt(digitsAt + 1))) {
                return false;
            }
        }
        String hex = address.toHex();
        int man = Integer.parseInt(hex.substring(8, 12), 16);
        int fm = (f[11] & 0xFF) | (f[12] & 0xFF) << 8;
        if (fm != 0xFFFF && fm != man) {
            return false;
        }
        if ((f[13] & 0xFF) != 0xFF && (f[13] & 0xFF) != address.version()) {
            return false;
        }
        return (f[14] & 0xFF) == 0xFF || (f[14] & 0xFF) == address.deviceType();
    }

    private static boolean nibble(int mask, char digit) {
        return mask == 0xF || Character.forDigit(mask, 16) == Character.toLowerCase(digit);
    }

    private static byte[] concat(int first, byte[] rest) {
        return concat(new byte[] {(byte) first}, rest);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] o = new byte[a.length + b.length];
        System.arraycopy(a, 0, o, 0, a.length);
        System.arraycopy(b, 0, o, a.length, b.length);
        return o;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new SocketException("simulator thread did not stop");
        }
    }
}
