package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every java example of docs/dao.md is a block of {@link DocExamplesTest}, which compiles and runs it. */
class DocSnippetsTest {

    private static final Pattern DOC = Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TEST = Pattern.compile("// --- snippet: ([\\w-]+) ---\\n(.*?)// --- end ---", Pattern.DOTALL);

    @Test
    void theDocShowsExactlyTheTestedExamples() throws IOException {
        Map<String, String> shown = blocks(DOC, Files.readString(Path.of("../docs/dao.md"), StandardCharsets.UTF_8));
        Map<String, String> tested = blocks(TEST,
                Files.readString(Path.of("src/test/java/io/sark/dao/DocExamplesTest.java"), StandardCharsets.UTF_8));
        assertThat(shown).isNotEmpty().isEqualTo(tested);
    }

    private static Map<String, String> blocks(Pattern p, String text) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.put(m.group(1), Arrays.stream(m.group(2).split("\n")).map(String::strip).filter(l -> !l.isEmpty())
                    .collect(Collectors.joining("\n")));
        }
        return out;
    }
}
