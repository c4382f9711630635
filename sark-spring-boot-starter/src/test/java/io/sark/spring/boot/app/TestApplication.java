package io.sark.spring.boot.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with nothing but the starter and a DataSource (from spring.datasource.*). */
@SpringBootApplication
public class TestApplication {
}
