package io.meterflow.mbus.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The long fast path of binary integers gives exactly what the BigInteger path gives. */
class IntegerValueProperties {

    @Property
    void longPathEqualsBigIntegerPath(@ForAll @Size(min = 1, max = 8) int[] raw, @ForAll boolean signed) {
        int[] bytes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            bytes[i] = raw[i] & 0xFF;
        }
        assertThat(VariableDataParser.integerValue(bytes, signed))
                .isEqualByComparingTo(new BigDecimal(VariableDataParser.integer(bytes, signed)));
    }

    @Property
    void extremes(@ForAll @IntRange(min = 1, max = 8) int length) {
        int[] ones = new int[length];
        java.util.Arrays.fill(ones, 0xFF);
        assertThat(VariableDataParser.integerValue(ones, true)).isEqualByComparingTo("-1");
        assertThat(VariableDataParser.integerValue(ones, false))
                .isEqualByComparingTo(BigDecimal.valueOf(2).pow(8 * length).subtract(BigDecimal.ONE));
    }
}
