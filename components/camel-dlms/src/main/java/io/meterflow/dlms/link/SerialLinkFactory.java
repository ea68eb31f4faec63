package io.meterflow.dlms.link;

/**
 * Makes the link for a serial port. The default is {@link SerialLink} (jRxTx); another factory
 * can put a different serial library, or an in-memory line, under the same endpoints.
 */
@FunctionalInterface
public interface SerialLinkFactory {

    SerialLinkFactory JRXTX = SerialLink::new;

    /** @param timeoutMillis read timeout, 0 to block */
    ByteLink create(SerialSettings settings, int timeoutMillis);
}
