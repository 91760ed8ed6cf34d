"""Sign in and out for reviewers and editors (the admin's sign-in is for staff only)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views


class SignInView(auth_views.LoginView):
    """Username and password; a signed-in user is sent on."""

    template_name = "web/login.html"
    redirect_authenticated_user = True
    next_page = "web:home"


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires) and return to the map."""

    next_page = "web:home"
