package dev.localacme.testkit.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that other tests run through {@link Samples#run}; it is skipped anywhere else
 * (an IDE's package run, say), because it only makes sense with the assertions around it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Sample.OnlyFromSamples.class)
public @interface Sample {
  /** Enables the class only when {@link Samples} runs it. */
  final class OnlyFromSamples implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(Samples.MARKER).isPresent()
          ? ConditionEvaluationResult.enabled("run by Samples")
          : ConditionEvaluationResult.disabled("a sample for another test; Samples runs it");
    }
  }
}
