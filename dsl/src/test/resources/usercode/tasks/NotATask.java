package tasks;

/** A class that is no task: naming it is an error at check time. */
public class NotATask {
  public String hello() {
    return "hello";
  }
}
