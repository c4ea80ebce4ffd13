// ProblemAlert: a form's danger Alert with the server's message and each unplaced problem as `path: message`.
import { Alert } from "@/components/ui/alert";
import type { ProblemIssue } from "@/lib/query/api-fetch";

export type FormProblem = { message: string; issues: ProblemIssue[] };

export function ProblemAlert({ title, problem }: { title: string; problem: FormProblem | null }) {
  if (!problem) return null;
  return (
    <Alert tone="danger" title={title}>
      <p>{problem.message}</p>
      {problem.issues.length > 0 ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {problem.issues.map((issue, index) => (
            <li key={`${index}:${issue.path}`}>
              <code className="font-mono text-xs">{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
