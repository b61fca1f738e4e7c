package dev.localacme.testkit.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.testcontainers.utility.DockerImageName;

/** A container run to its end, as {@code docker run --rm IMAGE ARGS...} would. */
record DockerRun(int exitCode, String stdout, String stderr) {

  static DockerRun toExit(DockerImageName image, String... args) throws InterruptedException {
    DockerClient docker = DockerEngine.client();
    String id =
        docker.createContainerCmd(image.asCanonicalNameString()).withCmd(args).exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      int exitCode =
          docker
              .waitContainerCmd(id)
              .exec(new WaitContainerResultCallback())
              .awaitStatusCode(60, TimeUnit.SECONDS);
      StringBuilder stdout = new StringBuilder();
      StringBuilder stderr = new StringBuilder();
      docker
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                  (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).append(text);
                }
              })
          .awaitCompletion(30, TimeUnit.SECONDS);
      return new DockerRun(exitCode, stdout.toString(), stderr.toString());
    } finally {
      docker.removeContainerCmd(id).withRemoveVolumes(true).withForce(true).exec();
    }
  }
}
