package io.meterflow.iec62056.p1;

import io.meterflow.iec62056.readout.DataSet;
import io.meterflow.iec62056.readout.FrameText;
import io.meterflow.iec62056.readout.MappingOptions;
import io.meterflow.iec62056.readout.Readout;
import io.meterflow.iec62056.readout.ReadoutDecoder;
import io.meterflow.iec62056.readout.ReadoutParser;
import io.meterflow.iec62056.readout.TelegramMapper;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;

/**
 * The {@code p1} decoder: one DSMR P1 telegram (DSMR 2.2, 3, 4.x, 5, and the Belgian e-MUCS,
 * Hungarian, Irish and Luxembourg variants), from '/' to the end line.
 *
 * <p>The CRC16 after the '!' is verified whenever it is there. A telegram that announces DSMR 4
 * or later in 1-3:0.2.8, or e-MUCS in 0-0:96.1.4, must have one: those versions always send it,
 * so its absence means a truncated or altered telegram.
 */
public class P1Decoder implements FrameDecoder {

    public static final String PROTOCOL = "p1";

    private final TelegramMapper mapper;

    public P1Decoder() {
        this(MappingOptions.of(PROTOCOL));
    }

    public P1Decoder(MappingOptions options) {
        this.mapper = new TelegramMapper(options);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public Telegram decode(Frame frame) {
        return decode(FrameText.of(frame));
    }

    public Telegram decode(String text) {
        return ReadoutDecoder.guarded(() -> mapper.map(parse(text), FrameText.bytes(text)));
    }

    /** Parses and checks a telegram without interpreting it. */
    public static Readout parse(String text) {
        Readout readout = ReadoutParser.parse(text, true);
        Integer version = version(readout);
        if (version != null && version >= 40 && readout.check() != Readout.Check.CRC16) {
            throw new DecodeException("telegram of P1 version " + version + " has no CRC16 after '!'",
                    text.lastIndexOf('!'));
        }
        return readout;
    }

    /**
     * The P1 version as a number such as 42 or 50 (from 1-3:0.2.8), 50 for e-MUCS (0-0:96.1.4,
     * which builds on DSMR 5), or null for DSMR 2.2 and 3, which do not say.
     */
    public static Integer version(Readout readout) {
        DataSet v = readout.find("1-3:0.2.8");
        if (v != null && v.first().value().matches("\\d{1,3}")) {
            return Integer.parseInt(v.first().value());
        }
        return readout.find("0-0:96.1.4") != null ? 50 : null;
    }
}
