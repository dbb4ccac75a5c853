type Line = (o: Record<string, unknown>) => void;
export async function benchLearning({ line }: { line: Line; url: string; only: RegExp | null }) {
  line({ bench: 'learning.dataset', ready: true });
}
