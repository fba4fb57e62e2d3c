package dev.ebpm.registry.ops;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.storage.StorageConfig;
import dev.ebpm.registry.storage.StorageKey;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Oci;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A bucket that lost a blob the database still records (wiped, or restored from an older backup): reads say
 * so plainly instead of "try again later", and pushing the content again puts it back.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class LostBlobTest {
    @Inject
    StorageConfig storage;

    @Test
    void aLostBlobIsReportedAndHealsWhenPushedAgain() throws Exception {
        String token = Api.publisher();
        byte[] blob = new byte[2 << 20]; // larger than the in-memory blob cache keeps
        new Random(7).nextBytes(blob);
        Digest digest = Digest.sha256(blob);
        String url = "/v2/ops/lost/blobs/" + digest;
        Oci.pushBlob(token, "ops/lost", blob).then().statusCode(201);
        RestAssured.get(url).then().statusCode(200);

        MinioClient s3 = MinioClient.builder().endpoint(storage.endpoint())
            .credentials(storage.accessKey(), storage.secretKey()).region(storage.region()).build();
        s3.removeObject(RemoveObjectArgs.builder().bucket(storage.bucket()).object(StorageKey.blob(digest).path())
            .build());
        RestAssured.get(url).then().statusCode(500).body("errors[0].message", containsString("lost the content"));

        Oci.pushBlob(token, "ops/lost", blob).then().statusCode(201);
        assertThat(RestAssured.get(url).then().statusCode(200).extract().asByteArray()).isEqualTo(blob);
    }
}
