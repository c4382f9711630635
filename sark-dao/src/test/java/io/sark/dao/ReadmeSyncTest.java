package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "Use the DAO" block must be the one {@link ReadmeSnippetTest} compiles and runs. */
class ReadmeSyncTest {

    @Test
    void readmeShowsExactlyTheTestedSnippet() throws IOException {
        String test = Files.readString(Path.of("src/test/java/io/sark/dao/ReadmeSnippetTest.java"), StandardCharsets.UTF_8);
        String block = test.substring(test.indexOf("// --- README: Use the DAO ---\n") + "// --- README: Use the DAO ---\n".length(),
                test.indexOf("// --- end ---"));
        String tested = normalize(block);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Use the DAO");
        assertThat(section).as("README has a 'Use the DAO' section").isNotNegative();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String shown = normalize(readme.substring(start, readme.indexOf("```", start)));
        assertThat(shown).isEqualTo(tested);
    }

    private static String normalize(String code) {
        return Arrays.stream(code.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
