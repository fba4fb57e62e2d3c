package dev.ebpm.registry.reference;

import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;

/**
 * What a read names a version by: a version number (pinned: always the same version) or a movable tag,
 * {@code latest} among them. Exactly one of the two is set.
 */
public record VersionRef(SemVer version, TagName tag) {
    public static final VersionRef LATEST = new VersionRef(null, TagName.parse(TagName.LATEST));

    public VersionRef {
        if ((version == null) == (tag == null)) {
            throw new IllegalArgumentException("a version reference is a version or a tag");
        }
    }

    public static VersionRef of(SemVer version) {
        return new VersionRef(version, null);
    }

    /** A version number when the text is one, else a tag; anything else is 400 TAG_INVALID. */
    public static VersionRef parse(String text) {
        if (SemVer.isValid(text)) {
            return of(SemVer.parse(text));
        }
        if (!TagName.isOciTag(text)) {
            throw ApiException.badRequest(ErrorCode.TAG_INVALID, "\"" + text + "\" is neither a version nor a tag");
        }
        return new VersionRef(null, TagName.parse(text));
    }

    public boolean isPinned() {
        return version != null;
    }

    @Override
    public String toString() {
        return version != null ? version.toString() : tag.toString();
    }
}
