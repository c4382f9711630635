package io.sark.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.migration.internal.JsonScanner.Problem;
import org.junit.jupiter.api.Test;

/** Reading escapes exactly: which texts jsonb cannot hold as they are. */
class JsonScannerTest {

    static final String NUL = "\\" + "u0000";

    static JsonScanner.Finding inspect(String json) {
        return JsonScanner.inspect("mcp_tools", "id", "name", "parameters", json);
    }

    @Test
    void findsNulEscapesInValuesAndKeysButNotAnEscapedBackslashBeforeU0000() {
        assertThat(inspect("{\"a\": \"x" + NUL + "y\"}").problems()).containsExactly(Problem.NUL);
        assertThat(inspect("{\"a" + NUL + "\": 1}").detail()).isEqualTo("parameters: NUL in a key");
        assertThat(inspect("[\"" + NUL + NUL + "\"]").problems()).containsExactly(Problem.NUL);
        assertThat(inspect("{\"a\": \"C:\\\\" + "u0000\"}")).isNull();
        assertThat(inspect("{\"a\": \"\\\\\\\\" + NUL + "\"}").problems()).containsExactly(Problem.NUL);
        assertThat(inspect("\"plain\"")).isNull();
    }

    @Test
    void findsKeysGivenTwiceAtAnyDepthButNotTheSameKeyInTwoObjects() {
        assertThat(inspect("{\"a\": 1, \"a\": 2}").detail()).isEqualTo("parameters: key \"a\" twice in one object");
        assertThat(inspect("{\"p\": {\"x\": {}, \"x\": []}}").problems()).containsExactly(Problem.DUPLICATE_KEYS);
        assertThat(inspect("{\"a\": 1, \"u0061\": 2, \"b\": {\"a\": 1}}")).isNull();
        assertThat(inspect("[{\"a\": 1}, {\"a\": 2}]")).isNull();
        assertThat(inspect("{\"a\": 1, \"\\" + "u0061\": \"" + NUL + "\"}").problems()).containsExactlyInAnyOrder(Problem.NUL, Problem.DUPLICATE_KEYS);
    }
}
