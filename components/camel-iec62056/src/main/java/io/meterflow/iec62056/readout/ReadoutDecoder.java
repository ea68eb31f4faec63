package io.meterflow.iec62056.readout;

import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;

/**
 * The {@code iec62056-21} decoder: a readout of modes A to D (with its BCC or CRC verified) or a
 * bare data block, as {@link Frame#text()} or as bytes in {@link Frame#parts()}.
 */
public class ReadoutDecoder implements FrameDecoder {

    public static final String PROTOCOL = "iec62056-21";

    private final TelegramMapper mapper;

    /** Electricity meter, channel 0, Central European time. */
    public ReadoutDecoder() {
        this(MappingOptions.of(PROTOCOL));
    }

    public ReadoutDecoder(MappingOptions options) {
        this.mapper = new TelegramMapper(options);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public Telegram decode(Frame frame) {
        String text = FrameText.of(frame);
        return decode(text);
    }

    public Telegram decode(String text) {
        return guarded(() -> mapper.map(ReadoutParser.parse(text), FrameText.bytes(text)));
    }

    /**
     * Runs a decoding step and turns what the model's constructors reject into a
     * {@link DecodeException}, so that callers only ever see that one exception for bad input.
     */
    public static Telegram guarded(java.util.function.Supplier<Telegram> step) {
        try {
            return step.get();
        } catch (DecodeException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new DecodeException("readout has a value the model rejects: " + e.getMessage(), e);
        }
    }
}
