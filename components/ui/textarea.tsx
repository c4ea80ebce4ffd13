// Textarea: styled native multi-line input with an `invalid` state (forwardRef for react-hook-form).
import { forwardRef, type TextareaHTMLAttributes } from "react";
import { controlClasses } from "./control-styles";
import { cx } from "./cx";

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean };

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaProps>(function Textarea(
  { invalid, className, rows = 3, ...rest },
  ref,
) {
  return (
    <textarea
      ref={ref}
      rows={rows}
      {...rest}
      aria-invalid={invalid ? true : rest["aria-invalid"]}
      className={controlClasses(invalid, cx("min-h-16 resize-y", className))}
    />
  );
});
