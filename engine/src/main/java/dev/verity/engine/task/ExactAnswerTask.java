package dev.verity.engine.task;

/**
 * A task with one right answer per problem: a response is right when its final answer equals the problem's answer
 * exactly (no trimming; a leading zero makes it wrong).
 */
interface ExactAnswerTask extends Task {
  @Override
  default String extractAnswer(String response) {
    return Answers.extract(response);
  }

  @Override
  default boolean verify(Problem problem, String response) {
    return Answers.exact(problem, response);
  }
}
