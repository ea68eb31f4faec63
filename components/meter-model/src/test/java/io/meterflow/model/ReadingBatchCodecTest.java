package io.meterflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadingBatchCodecTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    private static final UUID ID = UUID.fromString("0b6f3a52-9c1e-4d7a-8f2b-5e4c3d2a1b0c");

    /** A valid document with one reading; tests replace one part of it with something broken. */
    private static final String VALID_READING =
            "{'register':'1-0:1.8.0*255','value':'12345.678','unit':'Wh','timestamp':'2026-12-04T10:00:00Z'}";
    private static final String VALID_HEAD = "'schema':'meterflow.readings/1','batchId':'" + ID
            + "','organizationId':1,'meterId':42,'medium':'electricity','source':'api',"
            + "'receivedAt':'2026-12-04T10:00:00Z'";

    @Test
    void writesTheDocumentedForm() {
        Reading reading = new Reading("1-0:1.8.0*255", new BigDecimal("12345.678"), Unit.WATT_HOUR, T,
                EnumSet.of(Quality.ESTIMATED), "Active energy import");
        ReadingBatch batch = new ReadingBatch(ReadingBatch.SCHEMA, ID, 1, 42, "electricity", "api", T,
                List.of(reading));
        assertThat(ReadingBatchCodec.toJsonString(batch)).isEqualTo(json(
                "{'schema':'meterflow.readings/1','batchId':'0b6f3a52-9c1e-4d7a-8f2b-5e4c3d2a1b0c',"
                        + "'organizationId':1,'meterId':42,'medium':'electricity','source':'api',"
                        + "'receivedAt':'2026-12-04T10:00:00Z','readings':[{'register':'1-0:1.8.0*255',"
                        + "'value':'12345.678','unit':'Wh','timestamp':'2026-12-04T10:00:00Z',"
                        + "'quality':['ESTIMATED'],'description':'Active energy import'}]}"));
    }

    @Test
    void omitsAbsentOptionalMembers() {
        ReadingBatch batch = new ReadingBatch(ReadingBatch.SCHEMA, ID, 3, 4, null, null, T,
                List.of(Reading.of("k", new BigDecimal("1"), Unit.NONE, null)));
        assertThat(ReadingBatchCodec.toJsonString(batch)).isEqualTo(json(
                "{'schema':'meterflow.readings/1','batchId':'" + ID + "','organizationId':3,'meterId':4,"
                        + "'receivedAt':'2026-12-04T10:00:00Z','readings':[{'register':'k','value':'1','unit':''}]}"));
    }

    @Test
    void roundTripKeepsExactValues() {
        List<Reading> readings = List.of(
                Reading.of("1-0:1.8.0*255", new BigDecimal("0.000000001"), Unit.WATT_HOUR, T),
                Reading.of("1-0:2.8.0*255", new BigDecimal("123456789012345678901234567890.5"), Unit.WATT_HOUR, T),
                Reading.of("1-0:32.7.0*255", new BigDecimal("230.10"), Unit.VOLT, null),
                Reading.of("1-0:13.7.0*255", new BigDecimal("-0.95"), Unit.NONE, T),
                new Reading("8-0:1.0.0*255", new BigDecimal("1E+3"), Unit.CUBIC_METRE, T,
                        EnumSet.of(Quality.MANUAL, Quality.CLOCK_ADJUSTED, Quality.LOW_BATTERY), "Volume \"total\" ü"));
        ReadingBatch batch = ReadingBatch.of(7, 99, Medium.WATER, "api", Instant.parse("2026-12-04T10:00:00.123456789Z"),
                readings);

        byte[] json = ReadingBatchCodec.toJson(batch);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"value\":\"0.000000001\"")
                .contains("\"value\":\"123456789012345678901234567890.5\"")
                .contains("\"value\":\"230.10\"")
                .contains("\"value\":\"1000\"")
                .contains("\"quality\":[\"CLOCK_ADJUSTED\",\"LOW_BATTERY\",\"MANUAL\"]")
                .doesNotContain("E+", "E-");

        ReadingBatch back = ReadingBatchCodec.fromJson(json);
        assertThat(back).isEqualTo(batch);
        assertThat(back.readings().get(0).value().toPlainString()).isEqualTo("0.000000001");
        assertThat(back.readings().get(1).value()).isEqualTo(new BigDecimal("123456789012345678901234567890.5"));
        assertThat(back.readings().get(2).value().scale()).isEqualTo(2);
        assertThat(back.receivedAt()).isEqualTo(Instant.parse("2026-12-04T10:00:00.123456789Z"));
        assertThat(ReadingBatchCodec.fromJson(text)).isEqualTo(batch);
    }

    @Test
    void manyTextsAndChangingTimesAreWrittenAsGiven() {
        // More distinct texts than the writer keeps encoded, escapes among them, and times that
        // change from reading to reading and come back: every one must be written as given.
        List<Reading> readings = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Instant ts = i % 3 == 2 ? null : T.plusSeconds(i % 2 == 0 ? i : 0);
            readings.add(new Reading("reg \"" + i + "\"\t\u00e9", BigDecimal.valueOf(i, 2), i % 2 == 0 ? Unit.WATT_HOUR : Unit.VOLT, ts,
                    EnumSet.noneOf(Quality.class), i % 5 == 0 ? "line\nbreak " + (i % 7) : null));
        }
        ReadingBatch batch = ReadingBatch.of(7, 99, Medium.ELECTRICITY, "dlms", T, readings);
        byte[] first = ReadingBatchCodec.toJson(batch);
        byte[] again = ReadingBatchCodec.toJson(batch);
        assertThat(again).isEqualTo(first);
        ReadingBatch back = ReadingBatchCodec.fromJson(first);
        assertThat(back).isEqualTo(batch);
        assertThat(back.readings().get(4999).register()).isEqualTo("reg \"4999\"\t\u00e9");
        assertThat(back.readings().get(4).timestamp()).isEqualTo(T.plusSeconds(4));
        assertThat(back.readings().get(3).timestamp()).isEqualTo(T);
        assertThat(new String(first, StandardCharsets.UTF_8)).contains("\"description\":\"line\\nbreak 5\"");
    }

    @Test
    void emptyReadingsRoundTrip() {
        ReadingBatch batch = ReadingBatch.of(1, 2, null, "dlms", T, List.of());
        assertThat(ReadingBatchCodec.fromJson(ReadingBatchCodec.toJson(batch))).isEqualTo(batch);
        assertThat(ReadingBatchCodec.toJsonString(batch)).endsWith("\"readings\":[]}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12.30                              | 12.30",
            "0.1                                | 0.1",
            "42                                 | 42",
            "-7                                 | -7",
            "123456789012345678901234567890.5   | 123456789012345678901234567890.5",
            "12345678901234567890123            | 12345678901234567890123",
            "0.000000001                        | 0.000000001",
            "1.5e3                              | 1500",
    })
    void acceptsValuesAsJsonNumbersWithoutRounding(String number, String expected) {
        ReadingBatch batch = ReadingBatchCodec.fromJson(document(
                "{'register':'r','value':" + number + ",'unit':'Wh'}"));
        BigDecimal value = batch.readings().get(0).value();
        assertThat(value).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void acceptsNullsForOptionalMembersAndIgnoresUnknownOnes() {
        ReadingBatch batch = ReadingBatchCodec.fromJson(json(
                "{'schema':'meterflow.readings/1','batchId':'" + ID + "','organizationId':1,'meterId':2,"
                        + "'medium':null,'source':null,'receivedAt':'2026-12-04T10:00:00Z','future':{'x':[1]},"
                        + "'readings':[{'register':'r','value':'1','unit':'W','timestamp':null,'quality':null,"
                        + "'description':null,'extra':true},{'register':'s','value':'2','unit':'W','quality':[]}]}"));
        assertThat(batch.medium()).isNull();
        assertThat(batch.source()).isNull();
        assertThat(batch.readings()).hasSize(2);
        assertThat(batch.readings().get(0).timestamp()).isNull();
        assertThat(batch.readings().get(0).quality()).isEmpty();
        assertThat(batch.readings().get(1).quality()).isEmpty();
    }

    @Test
    void normalizesMediumAndTimestampOffsets() {
        ReadingBatch batch = ReadingBatchCodec.fromJson(json(
                "{'schema':'meterflow.readings/1','batchId':'" + ID.toString().toUpperCase() + "',"
                        + "'organizationId':1,'meterId':2,'medium':'HOT_WATER',"
                        + "'receivedAt':'2026-12-04T11:00:00+01:00','readings':[]}"));
        assertThat(batch.medium()).isEqualTo("hot_water");
        assertThat(batch.receivedAt()).isEqualTo(T);
        assertThat(batch.batchId()).isEqualTo(ID);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // what replaces the valid document              | expected message
            "{'schema':'meterflow.readings/2'}                 | schema: expected meterflow.readings/1 but was \"meterflow.readings/2\"",
            "{'batchId':'x'}                                   | schema: missing",
            "{'schema':1}                                      | schema: expected a string but was number",
            "[1,2]                                             | $: expected a JSON object but was array",
    })
    void rejectsBadDocumentsNamingThePath(String document, String message) {
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson(json(document)))
                .isInstanceOf(MalformedBatchException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'batchId':'not-a-uuid'          | batchId      | batchId: not a UUID \"not-a-uuid\"",
            "'batchId':'1-2-3-4-5'           | batchId      | batchId: not a UUID \"1-2-3-4-5\"",
            "'organizationId':'1'            | organizationId | organizationId: expected an integer but was string \"1\"",
            "'organizationId':null           | organizationId | organizationId: expected an integer but was null null",
            "'meterId':0                     | meterId      | meterId: must be positive but was 0",
            "'meterId':1.5                   | meterId      | meterId: expected an integer but was number 1.5",
            "'meterId':99999999999999999999  | meterId      | meterId: integer 99999999999999999999 is too large",
            "'medium':'steam'                | medium       | medium: unknown medium \"steam\"; accepted codes: electricity, gas, water, hot_water, heat, cooling, heat_cost_allocator, other",
            "'source':'  '                   | source       | source: must not be blank",
            "'receivedAt':'2026-12-04 10:00' | receivedAt   | receivedAt: not an ISO-8601 instant with zone offset, e.g. 2026-12-04T10:00:00Z: \"2026-12-04 10:00\"",
            "'receivedAt':'2026-12-04T10:00:00' | receivedAt | receivedAt: not an ISO-8601 instant with zone offset, e.g. 2026-12-04T10:00:00Z: \"2026-12-04T10:00:00\"",
            "'readings':{}                   | readings     | readings: expected an array but was object",
            "'readings':null                 | readings     | readings: expected an array but was null",
    })
    void rejectsBadHeaderMembersNamingTheField(String replacement, String path, String message) {
        String field = replacement.substring(0, replacement.indexOf(':'));
        String head = VALID_HEAD.replaceAll(field + ":(?:'[^']*'|[^,]*)", "");
        String doc = json("{" + head + "," + replacement + ",'readings':[" + VALID_READING + "]}")
                .replace(",,", ",");
        if (field.equals("'readings'")) {
            doc = json("{" + VALID_HEAD + "," + replacement + "}");
        }
        String input = doc;
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson(input))
                .isInstanceOfSatisfying(MalformedBatchException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.path()).isEqualTo(path);
                });
    }

    @Test
    void missingReadingsIsNamed() {
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson(json("{" + VALID_HEAD + "}")))
                .isInstanceOf(MalformedBatchException.class)
                .hasMessage("readings: missing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'register':'r','value':'12,3','unit':'Wh'}     | readings[3].value: not a decimal number \"12,3\"",
            "{'register':'r','value':'1e3','unit':'Wh'}      | readings[3].value: not a decimal number \"1e3\"",
            "{'register':'r','value':'','unit':'Wh'}         | readings[3].value: not a decimal number \"\"",
            "{'register':'r','value':' 1','unit':'Wh'}       | readings[3].value: not a decimal number \" 1\"",
            "{'register':'r','value':'NaN','unit':'Wh'}      | readings[3].value: not a decimal number \"NaN\"",
            "{'register':'r','value':true,'unit':'Wh'}       | readings[3].value: expected a decimal number as string or number but was boolean",
            "{'register':'r','value':null,'unit':'Wh'}       | readings[3].value: expected a decimal number as string or number but was null",
            "{'register':'r','unit':'Wh'}                    | readings[3].value: missing",
            "{'register':'r','value':1e999999999,'unit':'Wh'} | readings[3].value: more than 1000 digits before or after the decimal point",
            "{'value':'1','unit':'Wh'}                       | readings[3].register: missing",
            "{'register':' ','value':'1','unit':'Wh'}        | readings[3].register: must not be blank",
            "{'register':7,'value':'1','unit':'Wh'}          | readings[3].register: expected a string but was number",
            "{'register':'r','value':'1'}                    | readings[3].unit: missing",
            "{'register':'r','value':'1','unit':'kWh'}       | readings[3].unit: unknown unit symbol \"kWh\"; accepted symbols: \"Wh\", \"W\", \"varh\", \"var\", \"VAh\", \"VA\", \"V\", \"A\", \"Hz\", \"m3\", \"m3/h\", \"degC\", \"K\", \"s\", \"J\", \"%\", \"\", \"kg\", \"Pa\", \"deg\"",
            "{'register':'r','value':'1','unit':'Wh','timestamp':12}      | readings[3].timestamp: expected a string but was number",
            "{'register':'r','value':'1','unit':'Wh','timestamp':'yesterday'} | readings[3].timestamp: not an ISO-8601 instant with zone offset, e.g. 2026-12-04T10:00:00Z: \"yesterday\"",
            "{'register':'r','value':'1','unit':'Wh','quality':'ESTIMATED'} | readings[3].quality: expected an array but was string",
            "{'register':'r','value':'1','unit':'Wh','quality':['ESTIMATED','GOOD']} | readings[3].quality[1]: unknown quality flag \"GOOD\"; accepted: METER_ERROR, CLOCK_INVALID, CLOCK_ADJUSTED, DAYLIGHT_SAVING, ESTIMATED, OVERFLOW, POWER_FAILURE, TEMPORARY_ERROR, PERMANENT_ERROR, LOW_BATTERY, MANUAL",
            "{'register':'r','value':'1','unit':'Wh','quality':[1]}       | readings[3].quality[0]: expected a string but was number",
            "{'register':'r','value':'1','unit':'Wh','description':false} | readings[3].description: expected a string but was boolean",
            "\"just text\"                                   | readings[3]: expected a JSON object but was string",
            "[1]                                             | readings[3]: expected a JSON object but was array",
    })
    void rejectsBadReadingsNamingThePath(String fourthReading, String message) {
        String doc = document(VALID_READING + "," + VALID_READING + "," + VALID_READING + "," + fourthReading);
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson(doc))
                .isInstanceOf(MalformedBatchException.class)
                .hasMessage(message);
    }

    @Test
    void reportsWhereTheJsonIsBroken() {
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson("{\"schema\": \"x\",,}"))
                .isInstanceOfSatisfying(MalformedBatchException.class, e -> {
                    assertThat(e.getMessage()).startsWith("malformed JSON at line 1 column 16: ");
                    assertThat(e.path()).isNull();
                });
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson("{\n\"schema\": \"meterflow.readings/1\"\n"))
                .isInstanceOf(MalformedBatchException.class)
                .hasMessageStartingWith("malformed JSON at line 3 column 1: ");
    }

    @Test
    void rejectsDuplicateMembersAndTrailingContent() {
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson(json("{'schema':'a','schema':'b'}")))
                .isInstanceOf(MalformedBatchException.class)
                .hasMessageStartingWith("malformed JSON at line 1 column ")
                .hasMessageContaining("Duplicate field 'schema'");
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson(document("") + " {}"))
                .isInstanceOf(MalformedBatchException.class)
                .hasMessageStartingWith("malformed JSON at line 1 column ");
    }

    @Test
    void rejectsEmptyAndNullInput() {
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson(new byte[0]))
                .isInstanceOf(MalformedBatchException.class)
                .hasMessage("$: empty document");
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson("   "))
                .isInstanceOf(MalformedBatchException.class)
                .hasMessage("$: empty document");
        assertThatThrownBy(() -> ReadingBatchCodec.fromJson((byte[]) null))
                .isInstanceOf(MalformedBatchException.class)
                .hasMessage("$: no JSON given");
    }

    @Test
    void batchValidatesItsOwnFields() {
        assertThatThrownBy(() -> new ReadingBatch("meterflow.readings/0", ID, 1, 1, null, null, T, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"meterflow.readings/0\"");
        assertThatThrownBy(() -> new ReadingBatch(ReadingBatch.SCHEMA, null, 1, 1, null, null, T, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch id");
        assertThatThrownBy(() -> new ReadingBatch(ReadingBatch.SCHEMA, ID, 0, 1, null, null, T, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("organizationId must be positive but was 0");
        assertThatThrownBy(() -> new ReadingBatch(ReadingBatch.SCHEMA, ID, 1, 1, null, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("receivedAt");
        assertThat(new ReadingBatch(ReadingBatch.SCHEMA, ID, 1, 1, "GAS", null, T, null).readings()).isEmpty();
        assertThat(new ReadingBatch(ReadingBatch.SCHEMA, ID, 1, 1, "GAS", null, T, null).medium()).isEqualTo("gas");
    }

    /** A valid document around the given reading objects. */
    private static String document(String readings) {
        return json("{" + VALID_HEAD + ",'readings':[" + readings + "]}");
    }

    /** Single quotes keep the JSON in these tests readable; no test value contains one. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
