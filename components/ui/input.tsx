// Input: styled native text input with an `invalid` state (forwardRef for react-hook-form).
import { forwardRef, type InputHTMLAttributes } from "react";
import { controlClasses } from "./control-styles";
import { cx } from "./cx";

export type InputProps = InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean };

export const Input = forwardRef<HTMLInputElement, InputProps>(function Input(
  { invalid, className, type = "text", ...rest },
  ref,
) {
  return (
    <input
      ref={ref}
      type={type}
      {...rest}
      aria-invalid={invalid ? true : rest["aria-invalid"]}
      className={controlClasses(invalid, cx("h-9", className))}
    />
  );
});
