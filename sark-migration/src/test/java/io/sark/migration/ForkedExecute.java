package io.sark.migration;

import org.postgresql.ds.PGSimpleDataSource;

/** Runs execute slowly in a separate JVM so that a test can kill it with SIGKILL at an arbitrary point. */
public final class ForkedExecute {

    private ForkedExecute() {
    }

    public static void main(String[] args) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(args[0]);
        ds.setUser(args[1]);
        ds.setPassword(args[2]);
        V1ToV2Migration.builder().dataSource(ds).v1Schema("public").targetSchema("sark").batchSize(Integer.parseInt(args[3]))
                .batchHook((run, phase, batch) -> Thread.sleep(15 + (batch * 7L) % 40)) // slow, and killed inside or between batches
                .build().execute();
        System.out.println("finished (the test should have killed this JVM)");
    }
}
