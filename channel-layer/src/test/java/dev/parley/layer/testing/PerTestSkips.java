package dev.parley.layer.testing;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * Reports a test class whose {@code @BeforeAll} was skipped ({@link MissingService#stop}, an assumption) as that
 * many skipped tests, each with the reason. Without it JUnit reports only the class as aborted, and surefire and
 * failsafe count that as a class of 0 tests and 0 skipped: a suite that cannot run would look like an empty one.
 *
 * <p>Registered for every test class of the modules that use this test-jar, through JUnit's extension
 * autodetection: {@code META-INF/services/org.junit.jupiter.api.extension.Extension} here, switched on by {@code
 * junit.jupiter.extensions.autodetection.enabled} in the root pom. A failing {@code @BeforeAll} (as under {@code
 * CHAT_TEST_REQUIRE_SERVICES=true}) is left alone: the class fails.
 */
public final class PerTestSkips implements InvocationInterceptor, ExecutionCondition {

    private static final Namespace NAMESPACE = Namespace.create(PerTestSkips.class);
    private static final String REASON = "why the class was skipped";

    /**
     * Runs the {@code @BeforeAll} method, keeping the reason if it skips the class; once one has, the class's
     * later {@code @BeforeAll} methods are not run, as JUnit would not run them either.
     */
    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                         ExtensionContext context) throws Throwable {
        if (skipReason(context) != null) {
            invocation.skip();
            return;
        }
        try {
            invocation.proceed();
        } catch (TestAbortedException e) {
            context.getStore(NAMESPACE).put(REASON, String.valueOf(e.getMessage()));
        }
    }

    /** Skips each test (and nested class) of a class whose {@code @BeforeAll} was skipped, with its reason. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // Values stored in a class's context are seen by the contexts of its tests; the class itself is evaluated
        // before its @BeforeAll runs, so it always finds none.
        String reason = skipReason(context);
        return reason == null ? ConditionEvaluationResult.enabled("no @BeforeAll skipped the class")
                : ConditionEvaluationResult.disabled(reason);
    }

    private static String skipReason(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(REASON, String.class);
    }
}
