package dev.ebpm.registry.testing;

import dev.ebpm.format.codec.EbpmPackage;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

/** Shorthands for the tests: requests with a token, creating tokens with given scopes. */
public final class Api {
    /** The bootstrap admin token of the test profile (application.properties). */
    public static final String ADMIN = "ebpm_test_admin_0123456789abcdef";

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    public static String token(String name, String... scopes) {
        return as(ADMIN).contentType("application/json")
            .body(Map.of("name", name, "scopes", List.of(scopes)))
            .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
    }

    /** Publishes a package file over REST, with tags. */
    public static Response publish(String token, EbpmPackage pkg, String... tags) {
        RequestSpecification req = as(token).contentType("application/vnd.ebpm.package.v1+tar")
            .body(Fixtures.file(pkg));
        for (String t : tags) {
            req = req.queryParam("tag", t);
        }
        return req.put("/api/v1/packages/" + pkg.info().name() + "/-/versions/" + pkg.info().version());
    }

    /** A fresh token with publish and yank rights on every package: each test gets its own rate-limit bucket. */
    public static String publisher() {
        return token("publisher", "publish:*", "yank:*");
    }
}
