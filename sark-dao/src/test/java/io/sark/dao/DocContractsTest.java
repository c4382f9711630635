package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/dao.md's "Method contracts" table names every public method of every DAO. */
class DocContractsTest {

    @Test
    void everyPublicDaoMethodHasAContractRow() throws IOException {
        String doc = Files.readString(Path.of("../docs/dao.md"), StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("## Method contracts"), doc.indexOf("## DAOs"));
        List<String> missing = new ArrayList<>();
        for (Method accessor : SarkDaos.class.getMethods()) {
            String dao = accessor.getName() + "()";
            for (Method m : accessor.getReturnType().getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                // a row names the DAO and the method, e.g. `resources().create(` or `/ `findByName` /
                String name = m.getName();
                boolean listed = table.lines().filter(l -> l.contains("`" + dao)).anyMatch(l -> l.contains("." + name + "(")
                        || l.contains("." + name + "`") || l.contains("`" + name + "`") || l.contains("`" + name + "("));
                if (!listed) {
                    missing.add(dao + "." + m.getName());
                }
            }
        }
        assertThat(missing).as("public DAO methods without a row in docs/dao.md").isEmpty();
    }
}
