// / — the console starts at the dashboard.
import { redirect } from "next/navigation";

export default function Home() {
  redirect("/dashboard");
}
