package dev.bounded.testkit;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresCorpus}. */
final class CorpusCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<AnnotatedElement> element = context.getElement();
    Optional<RequiresCorpus> needs =
        element.flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresCorpus.class));
    if (needs.isEmpty()) {
      return ConditionEvaluationResult.enabled("no corpus needed");
    }
    for (String sub : needs.get().value()) {
      String why = SharedCorpora.missing(sub);
      if (why != null) {
        return ConditionEvaluationResult.disabled(why);
      }
    }
    return ConditionEvaluationResult.enabled("corpora present");
  }
}
