package dev.ebpm.registry.auth;

import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Creating, checking, listing and revoking tokens. */
@ApplicationScoped
public class TokenService {
    /** Remembering every use would write on every request; a minute's precision is enough. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    public static final int MAX_EXPIRY_DAYS = 3650;
    public static final int MAX_NAME = 100;
    /** More scopes than this is not a token anyone can reason about. */
    public static final int MAX_SCOPES = 20;

    private final EntityManager em;

    TokenService(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public NewToken create(Caller creator, TokenRequest request) {
        if (request == null) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "send {\"name\": …, \"scopes\": [...]}");
        }
        Inputs.requiredText("a token's name", request.name(), MAX_NAME);
        if (request.scopes() == null || request.scopes().isEmpty() || request.scopes().size() > MAX_SCOPES) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "a token needs 1 to " + MAX_SCOPES + " scopes: admin, "
                + "worker, publish:PATTERN or yank:PATTERN");
        }
        List<String> scopes = request.scopes().stream().map(Scope::parse).map(Scope::toString).distinct().toList();
        Integer days = request.expiresInDays();
        if (days != null && (days < 1 || days > MAX_EXPIRY_DAYS)) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "expiresInDays must be between 1 and "
                + MAX_EXPIRY_DAYS);
        }
        String secret = TokenSecret.generate();
        ApiToken t = insert(request.name(), secret, scopes, days == null ? null : OffsetDateTime.now().plusDays(days),
            creator == null ? null : creator.tokenId());
        return new NewToken(secret, TokenView.from(t));
    }

    /** Stores a token whose secret the caller chose (the bootstrap admin token); false if it exists already. */
    @Transactional
    public boolean ensure(String name, String secret, List<String> scopes) {
        if (find(secret).isPresent()) {
            return false;
        }
        insert(name, secret, scopes, null, null);
        return true;
    }

    private ApiToken insert(String name, String secret, List<String> scopes, OffsetDateTime expires, Long createdBy) {
        ApiToken t = new ApiToken();
        t.name = name;
        t.secretHash = TokenSecret.hash(secret);
        t.hint = TokenSecret.hint(secret);
        t.scopes = scopes.toArray(String[]::new);
        t.createdAt = OffsetDateTime.now();
        t.expiresAt = expires;
        t.createdBy = createdBy;
        em.persist(t);
        return t;
    }

    /** The caller a secret stands for; 401 when it is unknown, revoked or expired. */
    @Transactional
    public Caller authenticate(String secret) {
        ApiToken t = (TokenSecret.looksValid(secret) ? find(secret) : Optional.<ApiToken>empty())
            .orElseThrow(() -> unauthorized("the token is not valid"));
        if (t.revokedAt != null) {
            throw unauthorized("the token " + t.hint + " was revoked");
        }
        OffsetDateTime now = OffsetDateTime.now();
        if (t.expiresAt != null && t.expiresAt.isBefore(now)) {
            throw unauthorized("the token " + t.hint + " expired on " + t.expiresAt.toLocalDate());
        }
        if (t.lastUsedAt == null || t.lastUsedAt.isBefore(now.minus(LAST_USED_PRECISION))) {
            t.lastUsedAt = now;
        }
        return new Caller(t.id, t.name, List.of(t.scopes).stream().map(Scope::parse).toList());
    }

    private Optional<ApiToken> find(String secret) {
        return em.createQuery("from ApiToken where secretHash = :h", ApiToken.class)
            .setParameter("h", TokenSecret.hash(secret)).getResultList().stream().findFirst();
    }

    @Transactional
    public List<TokenView> list() {
        return em.createQuery("from ApiToken order by id", ApiToken.class).getResultStream().map(TokenView::from)
            .toList();
    }

    @Transactional
    public TokenView revoke(long id) {
        ApiToken t = em.find(ApiToken.class, id);
        if (t == null) {
            throw ApiException.notFound(ErrorCode.TOKEN_UNKNOWN, "no token with id " + id);
        }
        if (t.revokedAt == null) {
            t.revokedAt = OffsetDateTime.now();
        }
        return TokenView.from(t);
    }

    @Transactional
    public TokenView describe(long id) {
        return TokenView.from(em.find(ApiToken.class, id));
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, ErrorCode.UNAUTHORIZED, message);
    }
}
