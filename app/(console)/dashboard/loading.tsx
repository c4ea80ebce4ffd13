// /dashboard while its numbers are counted: the page's shape, without numbers.
import { PostureSkeleton } from "@/components/posture/posture-skeleton";

export default function Loading() {
  return <PostureSkeleton />;
}
