package io.custodia.migrations;

import java.util.regex.Pattern;

/** Where Custodia's schema migrations live and how they must be named, for tools and tests that apply them. */
public final class Migrations {

    /** The Flyway location of the scripts in this jar. */
    public static final String LOCATION = "classpath:db/migration";

    /** {@code V<version>__<snake_case_description>.sql}; versions only ever grow. */
    public static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    private Migrations() {}
}
