package io.meterflow.dlms.hdlc;

/**
 * The information field of an FRMR frame (IEC 62056-46 / ISO/IEC 13239): the control field of
 * the rejected frame, the station's V(S) and V(R), and why it was rejected (W: control field
 * undefined or not implemented; X: information field not permitted with this frame; Y:
 * information field too long; Z: invalid N(R)).
 */
public record FrameReject(int rejectedControl, int sendState, int receiveState, boolean response,
                          boolean invalidControl, boolean informationNotPermitted, boolean informationTooLong,
                          boolean invalidReceiveSequence) {

    public byte[] encode() {
        int b1 = (sendState & 7) << 1 | (response ? 0x10 : 0) | (receiveState & 7) << 5;
        int b2 = (invalidControl ? 1 : 0) | (informationNotPermitted ? 2 : 0) | (informationTooLong ? 4 : 0)
                | (invalidReceiveSequence ? 8 : 0);
        return new byte[] {(byte) rejectedControl, (byte) b1, (byte) b2};
    }

    /** The reject reason, or null when the FRMR carries no (or too short an) information field. */
    public static FrameReject decode(byte[] info) {
        if (info == null || info.length < 3) {
            return null;
        }
        int b1 = info[1] & 0xFF;
        int b2 = info[2] & 0xFF;
        return new FrameReject(info[0] & 0xFF, (b1 >> 1) & 7, (b1 >> 5) & 7, (b1 & 0x10) != 0,
                (b2 & 1) != 0, (b2 & 2) != 0, (b2 & 4) != 0, (b2 & 8) != 0);
    }

    /** In words, for error messages. */
    public String reason() {
        StringBuilder s = new StringBuilder();
        if (invalidControl) {
            s.append("control field undefined or not implemented; ");
        }
        if (informationNotPermitted) {
            s.append("information field not permitted with this frame; ");
        }
        if (informationTooLong) {
            s.append("information field too long; ");
        }
        if (invalidReceiveSequence) {
            s.append("invalid N(R); ");
        }
        if (s.length() == 0) {
            s.append("no reason given; ");
        }
        s.append(String.format("rejected control 0x%02X, meter V(S)=%d V(R)=%d", rejectedControl, sendState,
                receiveState));
        return s.toString();
    }
}
