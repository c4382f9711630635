package io.sark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.testkit.internal.ServerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedVersionTest {

    @Test
    void majorVersionsMapToSupportedBinaries() {
        assertThat(EmbeddedPostgresServer.fullVersion("15")).isEqualTo("15.19.0");
        assertThat(EmbeddedPostgresServer.fullVersion("16")).isEqualTo("16.15.0");
        assertThat(EmbeddedPostgresServer.fullVersion("17")).isEqualTo("17.11.0");
        assertThat(EmbeddedPostgresServer.fullVersion("18")).isEqualTo("18.6.0");
        assertThat(EmbeddedPostgresServer.fullVersion("14.22.0")).isEqualTo("14.22.0");
        assertThatThrownBy(() -> EmbeddedPostgresServer.fullVersion("13"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sark.testkit.pg-version must be one of 15, 16, 17, 18");
    }

    @Test
    void classpathBinariesAreTheDefault17() {
        assertThat(EmbeddedPostgresServer.classpathBinariesVersion()).contains("17.11.0");
    }

    @Test
    void binariesAreLookedUpInTheMavenRepositoryLayout() {
        Path jar = EmbeddedPostgresServer.binariesJar("16.15.0", Path.of("/repo"));
        String artifact = EmbeddedPostgresServer.binariesArtifact();
        assertThat(jar).isEqualTo(Path.of("/repo/io/zonky/test/postgres", artifact, "16.15.0", artifact + "-16.15.0.jar"));
    }

    @Test
    void missingBinariesSayHowToGetThem(@TempDir Path emptyRepo) {
        assertThatThrownBy(() -> EmbeddedPostgresServer.startVersion("16", emptyRepo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL 16.15.0 binaries not found")
                .hasMessageContaining(emptyRepo.toString())
                .hasMessageContaining("mvn dependency:get -Dartifact=io.zonky.test.postgres:"
                        + EmbeddedPostgresServer.binariesArtifact() + ":16.15.0")
                .hasMessageContaining("sark.testkit.binaries-jar");
    }

    @Test
    void staleDataDirectoriesAreRemovedLiveOnesKept(@TempDir Path base) throws Exception {
        Path stale = Files.createDirectories(base.resolve("epg-stale"));
        Files.createFile(stale.resolve("epg-lock"));
        Files.writeString(Files.createDirectories(stale.resolve("base/1")).resolve("16384"), "x");
        Path live = Files.createDirectories(base.resolve("epg-live"));
        Path starting = Files.createDirectories(base.resolve("epg-starting"));
        Path other = Files.createDirectories(base.resolve("not-zonky"));
        Files.createFile(other.resolve("epg-lock"));
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(live.resolve("epg-lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = channel.lock()) {
            EmbeddedPostgresServer.removeStaleDataDirectories(base);
        }
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(starting).exists();
        assertThat(other).exists();
    }

    @Test
    void theScanNeverReleasesTheLockOfAServerOfThisJvm(@TempDir Path base) throws Exception {
        // closing any channel of a file drops every POSIX lock the process holds on it: probing our own server's
        // lock used to free it, and the next build's scan then deleted the live server's data directory
        Path own = EmbeddedPostgresServer.newDataDirectory(base);
        Path lock = own.resolve("epg-lock");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = channel.lock()) {   // what zonky holds while its server runs
            assertThat(heldByThisProcess(lock)).isTrue();
            EmbeddedPostgresServer.removeStaleDataDirectories(base);
            EmbeddedPostgresServer.newDataDirectory(base);       // the next server's start scans too
            assertThat(heldByThisProcess(lock)).as("lock still held after the scans").isTrue();
            assertThat(own).exists();
        }
    }

    /** Whether {@code /proc/locks} lists a lock of this process on {@code file} (Linux). */
    private static boolean heldByThisProcess(Path file) throws Exception {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        String pid = " " + ProcessHandle.current().pid() + " ";
        return Files.readAllLines(Path.of("/proc/locks")).stream().anyMatch(l -> l.contains(pid) && l.contains(":" + inode + " "));
    }

    @Test
    void sharedServerKeepsItsDataInRamWhenItCan() {
        if (System.getProperty(TestkitSettings.DATA_DIR) == null && Files.isWritable(Path.of("/dev/shm"))
                && SarkTestDatabases.shared().server() instanceof EmbeddedPostgresServer) {
            assertThat(SarkTestDatabases.shared().server().description()).contains("data in /dev/shm/sark-testkit");
        }
        assertThat(EmbeddedPostgresServer.dataDirectoryBase()).isNotNull();
    }

    @Test
    void pgVersionSettingStartsThatMajorFromTheLocalRepository() throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("sark.testkit.pg-version", "15"));
        String repository = System.getProperty("sark.test.local-repo");   // set by the build, which put 15 there
        if (repository != null) {
            properties.put("sark.testkit.maven-repo", repository);
        }
        TestkitSettings settings = TestkitSettings.of(properties);
        Path jar = EmbeddedPostgresServer.binariesJar("15.19.0", settings.mavenRepository());
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(jar), "PostgreSQL 15 binaries not in " + jar);
        try (EmbeddedPostgresServer pg15 = ServerFactory.startEmbedded(settings);
             SarkTestDatabases databases = new SarkTestDatabases(pg15, settings);
             TestDatabase db = databases.create()) {
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int, count(*) FROM resources")) {
                rs.next();
                assertThat(rs.getInt(1) / 10000).isEqualTo(15);
                assertThat(rs.getInt(2)).isZero();
            }
        }
    }
}
