package authdoctor.testing.lab;

import java.lang.reflect.AnnotatedElement;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the {@link LabCase} of a test class (before all its tests) or of a test method (before it),
 * stops it afterwards, and resolves {@link LabDeployment} parameters. A failing {@code lab/up} fails
 * the test with the lab's message, which carries the tail of the failing process's log.
 *
 * <p>The shared processes (nginx, Redis, Spring Boot) outlive each case and are reused by the next;
 * they stop when the test run ends ({@code lab/down --idle}).
 */
public final class LabExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final Namespace NS = Namespace.create(LabExtension.class);
  // Stores are searched up the context tree: class-level and method-level keys must differ.
  private static final String CLASS = "class", METHOD = "method";

  @Override
  public void beforeAll(ExtensionContext ctx) {
    start(ctx, ctx.getRequiredTestClass(), CLASS);
  }

  @Override
  public void afterAll(ExtensionContext ctx) {
    stop(ctx, CLASS);
  }

  @Override
  public void beforeEach(ExtensionContext ctx) {
    start(ctx, ctx.getRequiredTestMethod(), METHOD);
  }

  @Override
  public void afterEach(ExtensionContext ctx) {
    stop(ctx, METHOD);
  }

  private static void start(ExtensionContext ctx, AnnotatedElement element, String scope) {
    // The shared processes (Keycloak above all, which takes the longest to start) stop once, when the
    // whole test run ends; a class that starts cases by itself (ProbeLabTest) registers this too.
    ctx.getRoot().getStore(NS).computeIfAbsent("shared", k -> (AutoCloseable) Lab::downIdle);
    LabCase c = element.getAnnotation(LabCase.class);
    if (c == null) return;
    String name = c.value();
    // Recorded before starting, so that a half-started case is still stopped.
    ctx.getStore(NS).put(scope + ".name", name);
    String info = Lab.up(name);
    ctx.getStore(NS).put(scope, LabDeployment.load(Lab.dir(), name, info));
  }

  private static void stop(ExtensionContext ctx, String scope) {
    String name = ctx.getStore(NS).remove(scope + ".name", String.class);
    ctx.getStore(NS).remove(scope);
    if (name != null) Lab.downKeepShared(name);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
    return p.getParameter().getType() == LabDeployment.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
    for (String scope : new String[] {METHOD, CLASS}) {
      LabDeployment d = ctx.getStore(NS).get(scope, LabDeployment.class);
      if (d != null) return d;
    }
    throw new ParameterResolutionException("no @LabCase on " + ctx.getDisplayName() + " or its class");
  }
}
