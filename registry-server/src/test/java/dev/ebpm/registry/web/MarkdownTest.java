package dev.ebpm.registry.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** READMEs come from anyone who can publish: what they may and may not put on a package page. */
class MarkdownTest {
    @Test
    void rendersCommonMarkAndTables() {
        String html = Markdown.toHtml("Some `code` and [a link](https://example.org/x).\n\n"
            + "| flag | meaning |\n|---|---|\n| `-p` | pid |\n");
        assertThat(html).contains("<code>code</code>", "href=\"https://example.org/x\"", "<table>",
            "<td><code>-p</code></td>");
    }

    @Test
    void headingsNestUnderThePagesOwn() {
        assertThat(Markdown.toHtml("# runqlat\n\n## Usage\n\n##### deep")).contains("<h3>runqlat</h3>",
            "<h4>Usage</h4>", "<h6>deep</h6>").doesNotContain("<h1", "<h2");
    }

    @Test
    void rawHtmlIsShownAsTextNotRun() {
        String html = Markdown.toHtml("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>");
        assertThat(html).doesNotContain("<script", "<img").contains("&lt;script&gt;", "&lt;img");
    }

    @Test
    void scriptUrlsAreDropped() {
        String html = Markdown.toHtml("[click](javascript:alert(1)) ![x](javascript:alert(2)) [v](vbscript:x) "
            + "[ok](https://a.b/)");
        assertThat(html).doesNotContain("javascript:", "vbscript:").contains("href=\"https://a.b/\"");
    }

    @Test
    void nothingGivesNothing() {
        assertThat(Markdown.toHtml(null)).isEmpty();
        assertThat(Markdown.toHtml("  \n")).isEmpty();
    }
}
