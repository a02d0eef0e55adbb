/**
 * What Eleventy passes to `eleventy.after` (it ships no types): the output folder, and each
 * page it wrote with its content.
 */
export interface EleventyAfterEvent {
  directories: { output: string };
  results?: Array<{ outputPath: string | false; content: string }>;
}
